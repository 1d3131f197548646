/**
 * Spec helpers: credential-shaped strings built at run time from a deterministic generator, so the
 * repository holds no literal that secret scanners (push protection, gitleaks) would flag.
 */

/** Alphabets for {@link fake}. */
export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const HEX = '0123456789abcdef';

/** `length` pseudo-random characters of `alphabet` (xorshift32 from `seed`). */
export function fake(alphabet: string, length: number, seed = 1): string {
  let state = (seed * 2654435761) >>> 0 || 1;
  let out = '';
  while (out.length < length) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

/** A private-key PEM block with a fake body of `lines` 64-character lines. */
export function fakePem(label = 'RSA PRIVATE KEY', lines = 8, seed = 7): string {
  const body = Array.from({ length: lines }, (_, i) => fake(BASE64, 64, seed + i));
  return [
    `-----BEGIN ${label}-----`,
    ...body,
    `${fake(BASE64, 20, seed + 99)}==`,
    `-----END ${label}-----`,
  ].join('\n');
}

/** The text of each span, for readable assertions. */
export function spanTexts(text: string, spans: ReadonlyArray<{ start: number; end: number }>): string[] {
  return spans.map((span) => text.slice(span.start, span.end));
}
