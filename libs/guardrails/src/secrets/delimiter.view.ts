import type { DecodedView } from './decoded.views';
import type { ExcerptMargins } from './view.excerpt';

const DELIMITER = '__';
/**
 * Blanking a delimiter only frees the token glued after it (and a key or keyword just before it), so a
 * short stretch around each is enough; windows still widen to the end of the token.
 */
export const DELIMITER_MARGINS: ExcerptMargins = { before: 64, beforeSpace: 64, after: 32, join: 0 };

/**
 * Namespaced names glue a prefix to whatever follows with `__` (`server__tool`); the rules' word
 * boundaries would hide a credential pasted after it. Blanking the delimiter keeps every offset.
 * Undefined when the text has no delimiter.
 */
export function delimiterView(text: string): DecodedView | undefined {
  const changes: number[] = [];
  for (let at = text.indexOf(DELIMITER); at >= 0; at = text.indexOf(DELIMITER, at + DELIMITER.length)) {
    changes.push(at, at + 1);
  }
  if (changes.length === 0) return undefined;
  return { text: text.replaceAll(DELIMITER, '  '), toOriginal: (at) => at, changes };
}
