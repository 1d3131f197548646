/** One labelled text of the injection corpus. */
export interface InjectionSample {
  /** Stable id, `<p|n>-<category>-<n>`. */
  id: string;
  /** `injection`: must be flagged; `benign`: must not be. */
  label: 'injection' | 'benign';
  /** What kind of text it is (positives) or where such text comes from (negatives). */
  category: string;
  /** A benign text built to look like an attack (quotes payloads, uses hidden characters legitimately, …). */
  hard?: boolean;
  text: string;
  /**
   * `holdout`/`holdout-2`: written after the rules were tuned on `dev`, each scored once before any further change,
   * to estimate generalisation; default `dev`.
   */
  split?: 'dev' | 'holdout' | 'holdout-2';
  /** Exfiltration allowlist for this sample; the eval default applies when absent. */
  allowedHosts?: string[];
}

/** Hosts treated as allowed when a sample does not name its own. */
export const EVAL_ALLOWED_HOSTS: readonly string[] = [
  'github.com',
  'githubusercontent.com',
  'modelcontextprotocol.io',
  'npmjs.com',
  'docs.bastion.dev',
];
