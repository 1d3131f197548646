/** A value read after `key =` / `key:`; `start`/`end` exclude its quotes. */
export interface AssignedValue {
  start: number;
  end: number;
  quoted: boolean;
  /** Where scanning may resume: after the value and its closing quote. */
  resume: number;
}

const MAX_VALUE = 4096;
/** A bare value: bounded and sticky, so reading it never scans past its own end. */
const UNQUOTED = /[^\s"'`,;&<>(){}[\]|]{0,4096}/y;

function quotedValue(text: string, from: number, quote: string): AssignedValue {
  const limit = Math.min(text.length, from + 1 + MAX_VALUE);
  let at = from + 1;
  while (at < limit && text[at] !== quote && text[at] !== '\n') at += text[at] === '\\' ? 2 : 1;
  const end = Math.min(at, limit);
  const closed = text[end] === quote;
  return { start: from + 1, end, quoted: true, resume: closed ? end + 1 : end };
}

/** True for the quote characters a value may be wrapped in. */
export function isQuote(char: string | undefined): boolean {
  return char === '"' || char === "'" || char === '`';
}

/**
 * Reads the value that starts at `from`: a quoted string (backslash escapes honoured, up to the closing quote
 * or the end of the line when the quote never closes) or a bare run up to whitespace or a delimiter.
 */
export function readAssignedValue(text: string, from: number): AssignedValue {
  const first = text[from];
  if (isQuote(first)) return quotedValue(text, from, first ?? '"');
  UNQUOTED.lastIndex = from;
  const end = from + (UNQUOTED.exec(text)?.[0].length ?? 0);
  return { start: from, end, quoted: false, resume: end };
}
