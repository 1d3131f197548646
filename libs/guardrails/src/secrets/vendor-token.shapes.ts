import type { TextClues } from './text.clues';

/** A cheap necessary condition on a text for a shape to match in it. */
type Clue = (clues: TextClues) => boolean;

/**
 * A credential with a recognisable shape. Each pattern starts with a look-behind for its own token
 * characters, so a run of token characters is tried from its first character only (linear time), and
 * caps every repetition.
 */
export interface VendorShape {
  kind: string;
  pattern: RegExp;
  /**
   * What every match contains, checked before the pattern runs so most shapes cost one `includes`: either
   * a prefix with an underscore (all of them are found by one scan, and prose rarely has an underscore),
   * or another cheap clue. Literals are short (V8 searches patterns under 7 characters with a fast
   * first-character scan) and start with a rare character where possible.
   */
  underscorePrefix?: string;
  clue?: Clue;
  /** Random part must look machine-made (guards short or word-like prefixes such as `sk-`). */
  randomBody?: boolean;
}

const any =
  (...literals: string[]): Clue =>
  (clues) =>
    literals.some((literal) => clues.has(literal));

/** Some occurrence of `literal` is followed by one of `next` (prose has `A` and `s.`, rarely `AK`, `s.x`). */
const followedBy =
  (literal: string, next: string): Clue =>
  ({ text }) => {
    for (let at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) {
      const after = text[at + literal.length];
      if (after !== undefined && next.includes(after)) return true;
    }
    return false;
  };
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Some `.` sits right after `s` and before an alphanumeric (`s.Ab3…`); found from the rarer `.`. */
const sDotThenAlnum: Clue = ({ text }) => {
  for (let at = text.indexOf('.'); at >= 0; at = text.indexOf('.', at + 1)) {
    const after = text[at + 1];
    if (text[at - 1] === 's' && after !== undefined && ALNUM.includes(after)) return true;
  }
  return false;
};

/**
 * Every shape's match is at least this many token characters (`[A-Za-z0-9+/=_.~-]`) in a row (the shortest,
 * `xoxb-` and ten more, is 15), and its look-arounds only ever reject token characters; a spec checks each
 * pattern. The rules rely on it to search only such runs.
 */
export const MIN_VENDOR_TOKEN = 15;

/** Every vendor shape, in the order their rules run. */
export const VENDOR_SHAPES: readonly VendorShape[] = [
  {
    kind: 'aws-access-key-id',
    pattern:
      /(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
    clue: followedBy('A', '3KSBCGIRN'),
  },
  {
    kind: 'github-token',
    pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{30,251}/g,
    underscorePrefix: 'gh[pousr]_',
  },
  {
    kind: 'github-token',
    pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{30,247}/g,
    underscorePrefix: 'github_pat_',
  },
  {
    kind: 'gitlab-token',
    pattern: /(?<![A-Za-z0-9_-])gl(?:pat|dt|ptt|rt|oas|cbt|imt|ft|soat|agent)-[A-Za-z0-9_.-]{20,300}/g,
    clue: (clues) => clues.has('-') && clues.has('gl'),
  },
  { kind: 'gcp-api-key', pattern: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{30,60}/g, clue: any('AIza') },
  {
    kind: 'anthropic-api-key',
    pattern: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{20,400}/g,
    clue: (clues) => clues.has('k-') && clues.has('k-ant-'),
  },
  {
    kind: 'openai-api-key',
    pattern: /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,400}/g,
    clue: (clues) => clues.has('k-') && clues.has('sk-'),
    randomBody: true,
  },
  { kind: 'slack-token', pattern: /(?<![A-Za-z0-9_-])xox[abposrec]-[A-Za-z0-9-]{10,300}/g, clue: any('xox') },
  { kind: 'slack-token', pattern: /(?<![A-Za-z0-9_-])xapp-[A-Za-z0-9-]{10,300}/g, clue: any('xapp-') },
  {
    kind: 'slack-webhook',
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{20,200}/g,
    clue: any('ks.sla'),
  },
  {
    kind: 'stripe-key',
    pattern: /(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,247}/g,
    underscorePrefix: '(?:sk|rk)_(?:live|test|prod)_',
  },
  {
    kind: 'stripe-webhook-secret',
    pattern: /(?<![A-Za-z0-9_])whsec_[A-Za-z0-9+/=]{20,200}/g,
    underscorePrefix: 'whsec_',
  },
  { kind: 'npm-token', pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{30,200}/g, underscorePrefix: 'npm_' },
  {
    kind: 'huggingface-token',
    pattern: /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,200}/g,
    underscorePrefix: 'hf_',
  },
  {
    kind: 'vault-token',
    pattern: /(?<![A-Za-z0-9_.-])hv[sbr]\.[A-Za-z0-9_-]{24,400}/g,
    clue: any('vs.', 'vb.', 'vr.'),
  },
  {
    kind: 'vault-token',
    pattern: /(?<![A-Za-z0-9_.-])s\.[A-Za-z0-9]{24}(?![A-Za-z0-9_.-])/g,
    clue: sDotThenAlnum,
    randomBody: true,
  },
  {
    kind: 'bastion-api-key',
    pattern: /(?<![A-Za-z0-9_])bgw_[A-Za-z0-9]{32,200}/g,
    underscorePrefix: 'bgw_',
  },
  {
    kind: 'sendgrid-api-key',
    pattern: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}/g,
    clue: any('SG.'),
  },
  { kind: 'pypi-token', pattern: /(?<![A-Za-z0-9_-])pypi-AgE[A-Za-z0-9_-]{50,400}/g, clue: any('AgE') },
  {
    kind: 'databricks-token',
    pattern: /(?<![A-Za-z0-9])dapi[a-f0-9]{32}(?:-[0-9])?(?![A-Za-z0-9])/g,
    clue: any('dapi'),
  },
  {
    kind: 'shopify-token',
    pattern: /(?<![A-Za-z0-9_])shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}(?![A-Za-z0-9])/g,
    underscorePrefix: 'shp(?:at|ss|ca|pa)_',
  },
  {
    kind: 'grafana-token',
    pattern: /(?<![A-Za-z0-9_])glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}/g,
    underscorePrefix: 'glsa_',
  },
  {
    kind: 'linear-api-key',
    pattern: /(?<![A-Za-z0-9_])lin_api_[A-Za-z0-9]{40}/g,
    underscorePrefix: 'lin_api_',
  },
  {
    kind: 'age-secret-key',
    pattern: /(?<![A-Za-z0-9-])AGE-SECRET-KEY-1[0-9A-Z]{58}/g,
    clue: any('AGE-SE'),
  },
  {
    kind: 'azure-ad-client-secret',
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    clue: any('Q~'),
    randomBody: true,
  },
  {
    kind: 'jwt',
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{2,16384}\.[A-Za-z0-9_.-]{0,16384}/g,
    clue: any('yJ'),
  },
];
