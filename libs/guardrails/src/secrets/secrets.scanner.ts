import type { TextSpan } from '../text-span';
import { assignmentRule } from './assignment.rule';
import { authSchemeRule } from './auth-scheme.rule';
import { decodedViews, type DecodedView } from './decoded.views';
import { headerLineRule } from './header-line.rule';
import { keywordProximityRule } from './keyword-proximity.rule';
import { pemBlockRule } from './pem-block.rule';
import type { SecretRule } from './secret.rule';
import { mergeSpans } from './span.merge';
import { truncatedTailRule } from './truncated-tail.rule';
import { urlUserinfoRule } from './url-userinfo.rule';
import { vendorTokenRules } from './vendor-token.rules';

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

function toOriginal(view: DecodedView, span: TextSpan): TextSpan {
  return { ...span, start: view.offsets[span.start] ?? span.start, end: view.offsets[span.end] ?? span.end };
}

/**
 * Spans of secrets in free text, sorted and non-overlapping: credentials of known shapes, PEM private-key
 * blocks, URL passwords, credential headers, secret-ish assignments and random tokens next to secret-ish
 * words. The text is also scanned JSON-unescaped and URL-decoded, with spans mapped back to the original.
 * Recall comes first: a redactor should rather over-cover than leave a fragment of a credential.
 */
export function scanSecrets(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const view of [...decodedViews(text), ...delimiterViews(text)]) {
    for (const rule of SECRET_RULES) {
      for (const span of rule.scan(view.text)) spans.push(toOriginal(view, span));
    }
  }
  return mergeSpans(spans);
}

/**
 * Namespaced names glue a prefix to whatever follows with `__` (`server__tool`); the rules' word
 * boundaries would hide a credential pasted after it. Blanking the delimiter keeps every offset.
 */
function delimiterViews(text: string): DecodedView[] {
  if (!text.includes('__')) return [];
  const blanked = text.replaceAll('__', '  ');
  const offsets = new Int32Array(text.length + 1).map((_, index) => index);
  return [{ text: blanked, offsets }];
}
