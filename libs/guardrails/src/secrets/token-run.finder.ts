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

/** `0-9 + / = ~`: a token that looks random has a digit, or mixed case with one of these symbols. */
const randomSign = (code: number): boolean =>
  (code >= 47 && code <= 57) || code === 43 || code === 61 || code === 126;

/** A run of token characters long enough for a candidate and holding a digit or symbol: `[start, end)`. */
export interface CandidateRun {
  start: number;
  end: number;
}

/**
 * The first candidate run at or after `from`: a run of token characters long enough for a candidate, with a
 * digit or symbol in it. Prose has none, and the search skips ahead (a break near the end of a window rules the
 * whole window out), so most texts are dismissed without looking for keywords at all.
 */
export function nextCandidateRun(text: string, from: number): CandidateRun | undefined {
  let at = from;
  while (at + MIN_TOKEN <= text.length) {
    let gap = at + MIN_TOKEN - 1;
    while (gap >= at && inToken(text.charCodeAt(gap))) gap -= 1;
    if (gap >= at) {
      at = gap + 1;
      continue;
    }
    let end = at;
    let signed = false;
    for (; end < text.length && inToken(text.charCodeAt(end)); end += 1)
      signed ||= randomSign(text.charCodeAt(end));
    if (signed) return { start: at, end };
    at = end + 1;
  }
  return undefined;
}

/** Whether the text has any candidate run (see {@link nextCandidateRun}). */
export function hasCandidateRun(text: string): boolean {
  return nextCandidateRun(text, 0) !== undefined;
}
