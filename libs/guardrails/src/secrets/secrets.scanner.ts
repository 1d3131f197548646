import type { TextSpan } from '../text-span';
import { assignmentRule } from './assignment.rule';
import { authSchemeRule } from './auth-scheme.rule';
import { decodedViews } from './decoded.views';
import { DELIMITER_MARGINS, delimiterView } from './delimiter.view';
import { headerLineRule } from './header-line.rule';
import { keywordProximityRule } from './keyword-proximity.rule';
import { pemBlockRule } from './pem-block.rule';
import type { SecretRule } from './secret.rule';
import { mergeSpans } from './span.merge';
import { TextClues } from './text.clues';
import { truncatedTailRule } from './truncated-tail.rule';
import { urlUserinfoRule } from './url-userinfo.rule';
import { vendorTokenRules } from './vendor-token.rules';
import { excerptOf, type ScanTarget } from './view.excerpt';

/** Every rule, most specific first (on equal confidence the earlier rule names the merged span). */
export const SECRET_RULES: readonly SecretRule[] = [
  pemBlockRule,
  ...vendorTokenRules,
  urlUserinfoRule,
  authSchemeRule,
  headerLineRule,
  assignmentRule,
  keywordProximityRule,
  truncatedTailRule,
];

/** The text as written, then excerpts of its decoded copies and of its delimiter-blanked copy. */
function scanTargets(text: string): ScanTarget[] {
  const targets: ScanTarget[] = [{ text, toOriginal: (span) => [span] }];
  for (const view of decodedViews(text)) targets.push(excerptOf(view));
  const delimited = delimiterView(text);
  if (delimited) targets.push(excerptOf(delimited, DELIMITER_MARGINS));
  return targets;
}

/**
 * Spans of secrets in free text, sorted and non-overlapping: credentials of known shapes, PEM private-key
 * blocks, URL passwords, credential headers, secret-ish assignments and random tokens next to secret-ish
 * words. The text is also scanned JSON-unescaped and URL-decoded (around the escapes only), with spans
 * mapped back to the original. Recall comes first: a redactor should rather over-cover than leave a
 * fragment of a credential.
 */
export function scanSecrets(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const target of scanTargets(text)) {
    const clues = new TextClues(target.text);
    for (const rule of SECRET_RULES) {
      for (const span of rule.scan(target.text, clues)) spans.push(...target.toOriginal(span));
    }
  }
  return mergeSpans(spans);
}
