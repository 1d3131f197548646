/**
 * Where a window cut out of a text may start or end without splitting a token or a value: at a break
 * (whitespace, a quote, a bracket, a separator), looked for up to `maxWiden` characters away.
 */
const BREAKS = new Set([...' \t\n\r\f\v"\'`<>()[]{},;|'].map((char) => char.charCodeAt(0)));

/** Moves `at` back to just after the nearest break before it (or `maxWiden` back, or 0). */
export function widenBack(text: string, at: number, maxWiden: number): number {
  let start = Math.max(0, at);
  const stop = Math.max(0, start - maxWiden);
  while (start > stop && !BREAKS.has(text.charCodeAt(start - 1))) start -= 1;
  return start;
}

/** Moves `at` forward to the nearest break at or after it (or `maxWiden` on, or the end). */
export function widenForward(text: string, at: number, maxWiden: number): number {
  let end = Math.min(text.length, at);
  const stop = Math.min(text.length, end + maxWiden);
  while (end < stop && !BREAKS.has(text.charCodeAt(end))) end += 1;
  return end;
}
