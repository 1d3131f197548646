import { hiddenClass } from './hidden-characters.normalize';
import { foldHomoglyph } from './homoglyphs.normalize';

/** A normalized copy of a string with, for every code unit, the original range it came from. */
export interface ScanText {
  /** NFKC, hidden characters removed, homoglyphs folded, whitespace runs collapsed. */
  text: string;
  /** `starts[i]`/`ends[i]`: original UTF-16 range that produced `text[i]`. */
  starts: number[];
  ends: number[];
}

const COMBINING = /\p{M}/u;
const SPACE = /[\s\u0085]/;
const LINE_BREAK = /[\n\r\u0085\u2028\u2029\v\f]/;

class ScanTextBuilder {
  readonly chars: string[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  /** Appends a non-space character. */
  pushChar(char: string, start: number, end: number): void {
    this.chars.push(char);
    this.starts.push(start);
    this.ends.push(end);
  }

  /** Appends whitespace, joining it to a preceding whitespace character (a break wins over a space). */
  pushSpace(isBreak: boolean, start: number, end: number): void {
    const last = this.chars.length - 1;
    const previous = this.chars[last];
    if (previous === ' ' || previous === '\n') {
      if (isBreak) this.chars[last] = '\n';
      this.ends[last] = end;
    } else this.pushChar(isBreak ? '\n' : ' ', start, end);
  }

  /** Appends any character, routing whitespace through {@link pushSpace}. */
  push(char: string, start: number, end: number): void {
    if (SPACE.test(char)) this.pushSpace(LINE_BREAK.test(char), start, end);
    else this.pushChar(char, start, end);
  }

  build(): ScanText {
    return { text: this.chars.join(''), starts: this.starts, ends: this.ends };
  }
}

/** Does a (visible) combining mark start at `j`? Cheap for the common case of ASCII or no next character. */
function markFollows(text: string, j: number): boolean {
  const next = text.charCodeAt(j);
  if (!(next >= 0x300)) return false;
  const cp = text.codePointAt(j) as number;
  return hiddenClass(cp) === undefined && COMBINING.test(String.fromCodePoint(cp));
}

/** End (exclusive) of the cluster starting at `i`: the code point plus following (visible) combining marks. */
function clusterEnd(text: string, i: number): number {
  let j = i + ((text.codePointAt(i) as number) > 0xffff ? 2 : 1);
  while (j < text.length) {
    const cp = text.codePointAt(j) as number;
    const width = cp > 0xffff ? 2 : 1;
    if (hiddenClass(cp) !== undefined || !COMBINING.test(text.slice(j, j + width))) break;
    j += width;
  }
  return j;
}

/**
 * Normalizes `original` for matching and keeps an offset map back to it: NFKC per character cluster, hidden
 * characters removed, Cyrillic/Greek look-alikes folded to Latin, and each whitespace run collapsed to a single
 * space (or a single newline when the run contains a line break).
 */
export function buildScanText(original: string): ScanText {
  const out = new ScanTextBuilder();
  for (let i = 0; i < original.length; ) {
    const code = original.charCodeAt(i);
    if (code < 0x80 && !markFollows(original, i + 1)) {
      if (code === 0x20 || code === 0x09) out.pushSpace(false, i, i + 1);
      else if (code >= 0x0a && code <= 0x0d) out.pushSpace(true, i, i + 1);
      else out.pushChar(original[i], i, i + 1);
      i += 1;
      continue;
    }
    const cp = original.codePointAt(i) as number;
    if (hiddenClass(cp) !== undefined) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const end = clusterEnd(original, i);
    for (const char of original.slice(i, end).normalize('NFKC')) out.push(foldHomoglyph(char), i, end);
    i = end;
  }
  return out.build();
}

/** NFKC + hidden-character removal + homoglyph folding + whitespace collapsing: the text the rules match. */
export function normalizeForScan(text: string): string {
  return buildScanText(text).text;
}

/** Maps a normalized range back to the original string. */
export function toOriginalRange(scan: ScanText, start: number, end: number): { start: number; end: number } {
  if (scan.starts.length === 0) return { start: 0, end: 0 };
  const first = Math.min(start, scan.starts.length - 1);
  const last = Math.min(Math.max(end - 1, first), scan.ends.length - 1);
  return { start: scan.starts[first], end: scan.ends[last] };
}
