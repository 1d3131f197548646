import type { TextSpan } from '../text-span';
import { anchoredMatches } from './anchored-matches.finder';
import { digitRunStarts } from './digit-run.finder';

/** `AAA-GG-SSSS` or `AAA GG SSSS` with one consistent separator; sticky, tried where a digit run starts. */
const CANDIDATE = /(?<![0-9A-Za-z_-])([0-9]{3})([- ])([0-9]{2})\2([0-9]{4})(?![0-9A-Za-z_]|-[0-9])/y;
/** Numbers published as examples (advertising, documentation) and never issued. */
const KNOWN_FAKE: ReadonlySet<string> = new Set(['078051120', '219099999', '123456789']);

/** SSA rules: no area 000, 666 or 900–999, no group 00, no serial 0000; no repeated or well-known fake numbers. */
export function isValidSsn(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  const digits = area + group + serial;
  if (a === 0 || a === 666 || a >= 900 || group === '00' || serial === '0000') return false;
  return !/^(.)\1{8}$/.test(digits) && !KNOWN_FAKE.has(digits);
}

/**
 * US Social Security numbers in the printed `AAA-GG-SSSS` form, invalid ranges excluded. `starts` comes from
 * {@link digitRunStarts}; pass it when several rules scan the same text.
 */
export function scanUsSsns(text: string, starts: readonly number[] = digitRunStarts(text)): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const m of anchoredMatches(CANDIDATE, text, starts)) {
    if (isValidSsn(m[1] ?? '', m[3] ?? '', m[4] ?? '')) {
      spans.push({ start: m.index, end: m.index + m[0].length, kind: 'us-ssn', confidence: 0.85 });
    }
  }
  return spans;
}
