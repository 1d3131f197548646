import { hiddenClass } from './hidden-characters.normalize';
import { foldHomoglyph } from './homoglyphs.normalize';

/**
 * The normalization of `buildScanText` written the slow, obvious way — one character at a time — for the
 * differential test that checks the bulk-copying implementation against it. Not used by the scanner.
 */
export function slowScanText(original: string): { text: string; starts: number[]; ends: number[] } {
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (char: string, start: number, end: number): void => {
    if (/[\s\u0085]/.test(char)) {
      const isBreak = /[\n\r\u0085\u2028\u2029\v\f]/.test(char);
      const last = chars.length - 1;
      if (chars[last] === ' ' || chars[last] === '\n') {
        if (isBreak) chars[last] = '\n';
        ends[last] = end;
        return;
      }
      char = isBreak ? '\n' : ' ';
    }
    for (let k = 0; k < char.length; k += 1) {
      chars.push(char[k]);
      starts.push(start);
      ends.push(end);
    }
  };
  const isMark = (cp: number): boolean =>
    hiddenClass(cp) === undefined && /\p{M}/u.test(String.fromCodePoint(cp));
  for (let i = 0; i < original.length; ) {
    const cp = original.codePointAt(i) as number;
    if (hiddenClass(cp) !== undefined) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    let end = i + (cp > 0xffff ? 2 : 1);
    while (end < original.length && isMark(original.codePointAt(end) as number)) {
      end += (original.codePointAt(end) as number) > 0xffff ? 2 : 1;
    }
    for (const char of original.slice(i, end).normalize('NFKC')) push(foldHomoglyph(char), i, end);
    i = end;
  }
  return { text: chars.join(''), starts, ends };
}
