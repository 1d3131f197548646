import type { TextSpan } from '../text-span';
import { anchoredMatches } from './anchored-matches.finder';
import { cardNetwork } from './card-iin.table';
import { digitRunStarts } from './digit-run.finder';
import { passesLuhn } from './luhn.check';

/**
 * Card numbers as printed: 4-4-4-4-3, 4-4-4-1…4, 4-6-5 / 4-6-4 (Amex, Diners) with one consistent space or
 * dash, or 13–19 digits in a row. Each alternative has a fixed shape, so matching is linear. Sticky: it is
 * tried only where a digit run starts.
 */
const CANDIDATE = new RegExp(
  '(?<![0-9A-Za-z_-])(?:' +
    [
      '[0-9]{4}([ -])[0-9]{4}\\1[0-9]{4}\\1[0-9]{4}\\1[0-9]{3}(?![0-9]|\\1[0-9])',
      '[0-9]{4}([ -])[0-9]{4}\\2[0-9]{4}\\2[0-9]{1,4}(?![0-9]|\\2[0-9])',
      '[0-9]{4}([ -])[0-9]{6}\\3[0-9]{4,5}(?![0-9]|\\3[0-9])',
      '[0-9]{13,19}(?![0-9])',
    ].join('|') +
    ')(?![A-Za-z_])',
  'y',
);

const isCard = (digits: string): boolean => passesLuhn(digits) && cardNetwork(digits) !== undefined;

/** The matched text's card number: all of it, or the first 16 digits when a CVV group follows them. */
function cardLength(printed: string): number | undefined {
  const digits = printed.replace(/[ -]/g, '');
  if (isCard(digits)) return printed.length;
  return digits.length === 19 && isCard(digits.slice(0, 16)) ? 19 : undefined;
}

/**
 * Payment card numbers (13–19 digits, spaces or dashes allowed) that pass Luhn and match a known IIN range.
 * `starts` comes from {@link digitRunStarts}; pass it when several rules scan the same text.
 */
export function scanPaymentCards(text: string, starts: readonly number[] = digitRunStarts(text)): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const m of anchoredMatches(CANDIDATE, text, starts)) {
    const length = cardLength(m[0]);
    if (length !== undefined)
      spans.push({ start: m.index, end: m.index + length, kind: 'payment-card', confidence: 0.99 });
  }
  return spans;
}
