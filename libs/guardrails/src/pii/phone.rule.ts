import type { TextSpan } from '../text-span';
import { digitRunStarts } from './digit-run.finder';
import { readGroupRun, type GroupRun } from './phone-groups.parser';
import { mayLeadPhone, phoneShape } from './phone.shapes';

/**
 * Where a phone number may start: `+` (also after `tel:`), or `(`/a digit that does not continue a word,
 * number, time or path. Sticky: tried only at a digit-run start and the character before it.
 */
const START =
  /(?:(?<![A-Za-z0-9_+./#-])\+[0-9]|(?:(?<![A-Za-z0-9_+./:#-])|(?<=tel:))\(?[0-9])(?=[0-9 ()./-]{6})/iy;

/** Text right after a number that shows it is part of something longer (`…0132abc`, `…0132-7`). */
function continues(text: string, end: number): boolean {
  const next = text[end] ?? '';
  return /[A-Za-z0-9_]/.test(next) || (/[-./]/.test(next) && /[0-9]/.test(text[end + 1] ?? ''));
}

/** True when a digit group sits right before `start` (`3704 0044…`, `(1) 2…`) that no accepted phone consumed. */
function midNumber(text: string, start: number, lastEnd: number): boolean {
  return start - 1 !== lastEnd && /[ .-]/.test(text[start - 1] ?? '') && /[0-9)]/.test(text[start - 2] ?? '');
}

/** The longest prefix of the run (whole groups) that reads as a phone number on its own. */
function longestPhone(text: string, run: GroupRun): TextSpan | undefined {
  for (let count = run.groups.length; count >= 1; count -= 1) {
    const groups = run.groups.slice(0, count);
    const end = groups[count - 1]?.end ?? run.start;
    const cut = count < run.groups.length && run.groups[count]?.separator !== ' ';
    const shape = cut || continues(text, end) ? undefined : phoneShape(groups, run.plus);
    if (shape) return { start: run.start, end, kind: 'phone', confidence: shape.confidence };
  }
  return undefined;
}

/** Scan state carried from one start to the next, as a global regex search would carry it. */
interface PhoneScan {
  spans: TextSpan[];
  /** End of the last accepted number. */
  lastEnd: number;
  /** Where the next start may be, like a global regex's `lastIndex`. */
  resumeAt: number;
}

/** Tries a number starting at `at` (a `+`, `(` or digit that {@link START} accepts) and moves the scan on. */
function tryStart(text: string, at: number, scan: PhoneScan): void {
  START.lastIndex = at;
  if (!START.test(text)) return;
  if (midNumber(text, at, scan.lastEnd)) {
    scan.resumeAt = START.lastIndex;
    return;
  }
  const run = readGroupRun(text, at);
  const found = longestPhone(text, run);
  if (found) {
    scan.spans.push(found);
    scan.lastEnd = found.end;
  }
  scan.resumeAt = found?.end ?? Math.max(run.groups[0]?.end ?? at + 1, at + 1);
}

/**
 * Phone numbers in international (`+44 20 7946 0958`, `+1 (415) 555-0132`, `0049 30 901820`), North
 * American and trunk-prefixed national formats. Dates, versions, IP addresses, card numbers and unformatted
 * long numbers (order ids) do not fit any of these shapes. `starts` comes from {@link digitRunStarts}; pass
 * it when several rules scan the same text.
 */
export function scanPhones(text: string, starts: readonly number[] = digitRunStarts(text)): TextSpan[] {
  const scan: PhoneScan = { spans: [], lastEnd: -1, resumeAt: 0 };
  for (const digit of starts) {
    // Skipping is safe: a start that finds nothing only moves `resumeAt` within its own digit run.
    if (!mayLeadPhone(text, digit)) continue;
    // The `+` or `(` before the digit first, as a left-to-right search would.
    if (digit - 1 >= scan.resumeAt) tryStart(text, digit - 1, scan);
    if (digit >= scan.resumeAt) tryStart(text, digit, scan);
  }
  return scan.spans;
}
