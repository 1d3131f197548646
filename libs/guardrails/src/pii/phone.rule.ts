import type { TextSpan } from '../text-span';
import { readGroupRun, type GroupRun } from './phone-groups.parser';
import { phoneShape } from './phone.shapes';

/**
 * Where a phone number may start: `+` (also after `tel:`), or `(`/a digit that does not continue a word,
 * number, time or path.
 */
const START =
  /(?:(?<![A-Za-z0-9_+./#-])\+[0-9]|(?:(?<![A-Za-z0-9_+./:#-])|(?<=tel:))\(?[0-9])(?=[0-9 ()./-]{6})/gi;

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

/**
 * Phone numbers in international (`+44 20 7946 0958`, `+1 (415) 555-0132`, `0049 30 901820`), North
 * American and trunk-prefixed national formats. Dates, versions, IP addresses, card numbers and unformatted
 * long numbers (order ids) do not fit any of these shapes.
 */
export function scanPhones(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let lastEnd = -1;
  START.lastIndex = 0;
  for (let m = START.exec(text); m !== null; m = START.exec(text)) {
    if (midNumber(text, m.index, lastEnd)) continue;
    const run = readGroupRun(text, m.index);
    const found = longestPhone(text, run);
    if (found) {
      spans.push(found);
      lastEnd = found.end;
    }
    START.lastIndex = found?.end ?? Math.max(run.groups[0]?.end ?? m.index + 1, m.index + 1);
  }
  return spans;
}
