import { OffsetMap } from './offset.map';

/** A copy of the scanned text in which some characters were decoded (or blanked), with the way back. */
export interface DecodedView {
  text: string;
  /** Where character `at` of `text` starts in the original; `text.length` maps to the original's length. */
  toOriginal(at: number): number;
  /** Sorted offsets in `text` of the characters that differ from the layer below (or the original). */
  changes: readonly number[];
}

const MAX_DEPTH = 3;
const PERCENT = 37;
const LETTER_U = 117;
/** The character code each one-letter JSON escape (`\n`, `\"`…) stands for, by the letter's code; -1 if none. */
const JSON_ESCAPES = new Int32Array(128).fill(-1);
[...'"\\/bfnrt'].forEach((letter, i) => {
  JSON_ESCAPES[letter.charCodeAt(0)] = '"\\/\b\f\n\r\t'.charCodeAt(i);
});

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** The value of `count` hex digits at `at`, or -1. */
function hexAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i += 1) {
    const digit = i < text.length ? hexDigit(text.charCodeAt(i)) : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** An escape's decoded character code and width, packed into one number (no allocation per escape). */
const packEscape = (code: number, width: number): number => code * 8 + width;

/**
 * The JSON string escape (`\"`, `\n`, `\u0041`…) or URL percent-escape (`%40`) starting at `at`, packed
 * with {@link packEscape}; -1 when there is none.
 */
function escapeAt(text: string, at: number): number {
  if (text.charCodeAt(at) === PERCENT) {
    const byte = hexAt(text, at + 1, 2);
    return byte < 0 ? -1 : packEscape(byte, 3);
  }
  const next = text.charCodeAt(at + 1);
  const simple = next < 128 ? (JSON_ESCAPES[next] ?? -1) : -1;
  if (simple >= 0) return packEscape(simple, 2);
  const code = next === LETTER_U ? hexAt(text, at + 2, 4) : -1;
  return code < 0 ? -1 : packEscape(code, 6);
}

/** Finds the next `\` or `%` at or after an offset with two `indexOf` cursors (a regex is far slower). */
function escapeFinder(text: string): (from: number) => number {
  let backslash = -2;
  let percent = -2;
  return (from) => {
    if (backslash !== -1 && backslash < from) backslash = text.indexOf('\\', from);
    if (percent !== -1 && percent < from) percent = text.indexOf('%', from);
    if (backslash < 0) return percent;
    return percent < 0 ? backslash : Math.min(backslash, percent);
  };
}

/** The decoded layer's text, its map back to the layer below and the offsets of its decoded characters. */
interface Layer {
  text: string;
  map: OffsetMap;
  changes: number[];
}

/**
 * Decodes one layer of escapes, copying the text between them in bulk (string concatenation: V8 joins the
 * pieces lazily, twice as fast as collecting and joining them); null when nothing was decoded.
 */
function decodePieces(text: string): Layer | null {
  const nextEscape = escapeFinder(text);
  const changes: number[] = [];
  const map = new OffsetMap();
  let decoded = '';
  let copied = 0;
  let shift = 0;
  for (let at = nextEscape(0); at >= 0; ) {
    const escape = escapeAt(text, at);
    if (escape < 0) {
      at = nextEscape(at + 1);
      continue;
    }
    const width = escape % 8;
    decoded += text.slice(copied, at) + String.fromCharCode((escape - width) / 8);
    changes.push(at - shift);
    shift += width - 1;
    map.shiftFrom(at - shift + width, shift);
    copied = at + width;
    at = nextEscape(copied);
  }
  return changes.length === 0 ? null : { text: decoded + text.slice(copied), map, changes };
}

/** One more layer of decoding on top of `below` (the original text or a decoded view); null if none. */
function decodeLayer(below: DecodedView | string): DecodedView | null {
  const text = typeof below === 'string' ? below : below.text;
  const layer = decodePieces(text);
  if (!layer) return null;
  const toBelow = (at: number): number => layer.map.toSource(at);
  const toOriginal =
    typeof below === 'string' ? toBelow : (at: number): number => below.toOriginal(toBelow(at));
  return { text: layer.text, toOriginal, changes: layer.changes };
}

/**
 * Up to three decoded copies of `text`, each decoding one more layer of JSON string escapes (`\"`, `\n`,
 * `\u0040`) and URL percent-encoding, so a secret is found whichever way a payload wrapped it (nested JSON,
 * URL-encoded JSON…). Empty when the text has no escape; building a layer costs one copy of the text.
 */
export function decodedViews(text: string): DecodedView[] {
  const views: DecodedView[] = [];
  let below: DecodedView | string = text;
  for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
    const next = decodeLayer(below);
    if (!next) break;
    views.push(next);
    below = next;
  }
  return views;
}
