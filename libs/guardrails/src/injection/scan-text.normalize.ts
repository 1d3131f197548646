import { hiddenClass } from './hidden-characters.normalize';
import { foldHomoglyph } from './homoglyphs.normalize';
import { originOf, ScanTextBuilder, type ScanText } from './scan-text.builder';

export type { ScanText } from './scan-text.builder';

const COMBINING = /\p{M}/u;
const SPACE = /[\s\u0085]/;
const LINE_BREAK = /[\n\r\u0085\u2028\u2029\v\f]/;
/** Where the bulk copy of printable ASCII must stop: any other character, or (see `CareFinder`) two spaces. */
const NOT_PRINTABLE = /[^\x20-\x7e]/g;
/** A regex, not `indexOf('  ')`: that stops at every single space of prose to look at the next character. */
const DOUBLE_SPACE = / {2}/g;

/**
 * Finds the places the bulk copy cannot take as is. Two searches — a one-class regex and one for two spaces,
 * each remembered until passed so the text is read once — beat one regex with an alternation.
 */
class CareFinder {
  private odd = -2;
  private doubleSpace = -2;

  constructor(private readonly text: string) {}

  /** The next such place at or after `from`, or -1. */
  next(from: number): number {
    if (this.odd !== -1 && this.odd < from) {
      NOT_PRINTABLE.lastIndex = from;
      this.odd = NOT_PRINTABLE.exec(this.text)?.index ?? -1;
    }
    if (this.doubleSpace !== -1 && this.doubleSpace < from) {
      DOUBLE_SPACE.lastIndex = from;
      this.doubleSpace = DOUBLE_SPACE.exec(this.text)?.index ?? -1;
    }
    if (this.odd < 0) return this.doubleSpace;
    return this.doubleSpace < 0 ? this.odd : Math.min(this.odd, this.doubleSpace);
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

/** Appends one normalized character, routing whitespace through the builder's run collapsing. */
function pushNormalized(out: ScanTextBuilder, char: string, start: number, end: number): void {
  if (SPACE.test(char)) out.pushSpace(LINE_BREAK.test(char), start, end);
  else out.pushChar(char, start, end);
}

/** Normalizes the character (cluster) at `i` and returns where the next one starts. */
function normalizeOne(original: string, i: number, out: ScanTextBuilder): number {
  const code = original.charCodeAt(i);
  if (code < 0x80 && !markFollows(original, i + 1)) {
    if (code === 0x20 || code === 0x09) out.pushSpace(false, i, i + 1);
    else if (code >= 0x0a && code <= 0x0d) out.pushSpace(true, i, i + 1);
    else out.pushChar(original[i], i, i + 1);
    return i + 1;
  }
  out.markNonAscii();
  const cp = original.codePointAt(i) as number;
  if (hiddenClass(cp) !== undefined) return i + (cp > 0xffff ? 2 : 1);
  const end = clusterEnd(original, i);
  for (const char of original.slice(i, end).normalize('NFKC'))
    pushNormalized(out, foldHomoglyph(char), i, end);
  return end;
}

/** Is `original[i]` printable ASCII other than space, and not the base of a combining sequence? */
function plainAt(original: string, i: number): boolean {
  const code = original.charCodeAt(i);
  return code > 0x20 && code < 0x7f && !markFollows(original, i + 1);
}

/**
 * Normalizes `original` for matching and keeps an offset map back to it: NFKC per character cluster, hidden
 * characters removed, Cyrillic/Greek look-alikes folded to Latin, and each whitespace run collapsed to a single
 * space (or a single newline when the run contains a line break). Printable ASCII — most of any payload — is
 * copied in bulk; only the characters around anything else go one by one.
 */
export function buildScanText(original: string): ScanText {
  const out = new ScanTextBuilder();
  let copied = 0;
  const care = new CareFinder(original);
  for (let at = care.next(0); at >= 0; at = care.next(copied)) {
    // A combining mark belongs to the character before it: that character starts the careful part.
    const careFrom = at > copied && markFollows(original, at) ? at - 1 : at;
    out.copyPrintable(original, copied, careFrom);
    let i = careFrom;
    do i = normalizeOne(original, i, out);
    while (i < original.length && !plainAt(original, i));
    copied = i;
    if (copied >= original.length) break;
  }
  out.copyPrintable(original, copied, original.length);
  return out.build();
}

/** NFKC + hidden-character removal + homoglyph folding + whitespace collapsing: the text the rules match. */
export function normalizeForScan(text: string): string {
  return buildScanText(text).text;
}

/** Maps a normalized range back to the original string. */
export function toOriginalRange(scan: ScanText, start: number, end: number): { start: number; end: number } {
  const length = scan.text.length;
  if (length === 0) return { start: 0, end: 0 };
  const first = Math.min(start, length - 1);
  const last = Math.min(Math.max(end - 1, first), length - 1);
  return { start: originOf(scan, first).start, end: originOf(scan, last).end };
}
