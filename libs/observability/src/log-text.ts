/* eslint-disable no-control-regex -- matching control characters is the point of this file */

/** Longest string value (and message) a record keeps, in UTF-16 code units. */
export const MAX_STRING_CHARS = 8 * 1024;

/**
 * ANSI/VT escape sequences: CSI (`ESC [ … final`, also the 8-bit `\x9b`), OSC (`ESC ] … BEL|ST`) and
 * two-character escapes. Removed whole, so no `[31m` residue is left behind.
 */
const ANSI_SEQUENCE =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[ -~]?/g;

/** Line breaks of any convention, including the Unicode separators some viewers honour. */
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/**
 * Every other control character: C0 (NUL…US except TAB), DEL, C1, and the bidirectional overrides
 * that let a value reorder what a terminal shows.
 */
const OTHER_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A string that cannot forge a log record or restyle a terminal: escape sequences removed, line breaks
 * and tabs turned into spaces, other control characters into U+FFFD.
 */
export function neutralizeControls(text: string): string {
  return text
    .replace(ANSI_SEQUENCE, '')
    .replace(LINE_BREAKS, ' ')
    .replace(/\t/g, ' ')
    .replace(OTHER_CONTROLS, '\uFFFD');
}

/** `text` cut to `max` characters, saying how long it was. */
export function capText(text: string, max: number = MAX_STRING_CHARS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}…[truncated, ${text.length} chars]`;
}
