/** Encoders used to build obfuscated corpus samples from readable text. */

/** Standard base64 of the UTF-8 text. */
export function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** URL-safe base64 without padding. */
export function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** Base64 wrapped at `width` characters per line (MIME style). */
export function b64wrapped(text: string, width = 76): string {
  const flat = b64(text);
  const lines: string[] = [];
  for (let i = 0; i < flat.length; i += width) lines.push(flat.slice(i, i + width));
  return lines.join('\n');
}

/** ASCII text re-encoded as invisible Unicode tag characters (U+E0020–U+E007E). */
export function tags(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += code >= 0x20 && code <= 0x7e ? String.fromCodePoint(0xe0000 + code) : char;
  }
  return out;
}

/** Inserts `joiner` (zero-width space by default) between every character of `text`. */
export function interleave(text: string, joiner = '\u200b'): string {
  return [...text].join(joiner);
}
