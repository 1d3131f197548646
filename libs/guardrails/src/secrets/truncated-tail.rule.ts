import type { TextSpan } from '../text-span';
import type { SecretRule } from './secret.rule';
import { isPlaceholder } from './secret-value.heuristics';

/** A known credential prefix, then token characters running to the very end of the text (not a full stop). */
const CUT_TOKEN =
  /(?<![A-Za-z0-9_-])(gh[pousr]_|github_pat_|gl(?:pat|dt|ptt|rt|oas)-|AIza|sk-|sk_live_|sk_test_|rk_live_|xox[abposrec]-|xapp-|npm_|hf_|hv[sbr]\.|bgw_|eyJ|AKIA|ASIA|dapi|SG\.|pypi-|whsec_)([A-Za-z0-9_.+/=-]{3,1023}[A-Za-z0-9_+/=-])$/;

/** The cut-off body reads as random (letters with digits, or mixed case), unlike `hf_config_path`. */
function randomBody(body: string): boolean {
  return (/[0-9]/.test(body) && /[A-Za-z]/.test(body)) || (/[a-z]/.test(body) && /[A-Z]/.test(body));
}

/**
 * A credential cut off by the end of the text — the first half of a token split across two stream chunks —
 * is still flagged when its prefix is known, even though it is shorter than the full shape.
 */
function scanCutTail(text: string): TextSpan[] {
  const tail = text.slice(-1100);
  const m = CUT_TOKEN.exec(tail);
  if (!m || isPlaceholder(m[0]) || !randomBody(m[2] ?? '')) return [];
  const start = text.length - tail.length + m.index;
  return [{ start, end: text.length, kind: 'truncated-token', confidence: 0.5 }];
}

/** See {@link scanCutTail}. */
export const truncatedTailRule: SecretRule = { id: 'truncated-tail', scan: scanCutTail };
