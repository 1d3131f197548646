import { charRuns, type AsciiSet } from '../char-runs';

/**
 * Character-level search for runs of token characters (base64, base64url, dots, tildes, `=` padding),
 * cheaper than a pattern tried at every position: runs too short to be a token are stepped over.
 */

const STARTS_TOKEN = 1;
const IN_TOKEN = 2;
/** Per ASCII code: may start a token (`[A-Za-z0-9+/_~-]`), may be part of one (those and `=` `.`). */
const TOKEN_CHARS = new Uint8Array(128);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_~-') {
  TOKEN_CHARS[char.charCodeAt(0)] = STARTS_TOKEN | IN_TOKEN;
}
TOKEN_CHARS['='.charCodeAt(0)] = IN_TOKEN;
TOKEN_CHARS['.'.charCodeAt(0)] = IN_TOKEN;

/** A character a token may start with. */
const startsToken = (code: number): boolean => code < 128 && ((TOKEN_CHARS[code] ?? 0) & STARTS_TOKEN) !== 0;
/** A character of a token or of its padding (NaN, past the end, is not). */
const inToken = (code: number): boolean => code < 128 && ((TOKEN_CHARS[code] ?? 0) & IN_TOKEN) !== 0;

/** Shortest run the token pattern accepts. */
const MIN_TOKEN = 12;

/**
 * Where a token may start within `[from, to)`: a starting character with no token character before it,
 * followed by enough token characters (shorter runs are stepped over without running the pattern).
 */
export function nextTokenStart(text: string, from: number, to: number): number {
  for (let at = from; at < to; at += 1) {
    if (!startsToken(text.charCodeAt(at)) || (at > 0 && inToken(text.charCodeAt(at - 1)))) continue;
    let end = at + 1;
    while (end < text.length && end - at < MIN_TOKEN && inToken(text.charCodeAt(end))) end += 1;
    if (end - at >= MIN_TOKEN) return at;
    at = end - 1;
  }
  return -1;
}

/** Token characters and their padding, as a set for {@link charRuns}. */
const TOKEN_SET: AsciiSet = TOKEN_CHARS.map((flags) => ((flags & IN_TOKEN) !== 0 ? 1 : 0));

/** Every run of at least `min` token characters (`[A-Za-z0-9+/=_.~-]`), as `[start, end)` pairs in order. */
export function tokenRuns(text: string, min: number): Array<[start: number, end: number]> {
  return charRuns(text, min, TOKEN_SET);
}

/** `0-9 + / = ~`: a token that looks random has a digit, or mixed case with one of these symbols. */
const randomSign = (code: number): boolean =>
  (code >= 47 && code <= 57) || code === 43 || code === 61 || code === 126;

/** A run of token characters long enough for a candidate and holding a digit or symbol: `[start, end)`. */
export interface CandidateRun {
  start: number;
  end: number;
}

/** Shortest run {@link tokenRuns} lists for the clues (the shortest a candidate token can be). */
export const MIN_LISTED_RUN = MIN_TOKEN;

/**
 * The candidate runs among `runs` (runs of at least MIN_TOKEN token characters): those with a digit or symbol
 * in them. Prose has none, so most texts are dismissed without looking for keywords at all.
 */
export function candidateRuns(text: string, runs: ReadonlyArray<readonly [number, number]>): CandidateRun[] {
  const out: CandidateRun[] = [];
  for (const [start, end] of runs) {
    if (end - start < MIN_TOKEN) continue;
    for (let at = start; at < end; at += 1) {
      if (randomSign(text.charCodeAt(at))) {
        out.push({ start, end });
        break;
      }
    }
  }
  return out;
}
