const PAIRS: Readonly<Record<string, string>> = { '“': '”', '‘': '’', '«': '»', '„': '“', '「': '」' };
const CLOSERS = new Set(Object.values(PAIRS));
const LOOKBACK = 60;
const LOOKAHEAD = 120;

/** A `"` that opens a JSON value or key (`:"`, `["`, `,"`, `{"`) is data, not a quotation. */
function isJsonQuote(text: string, i: number): boolean {
  let j = i - 1;
  if (text[j] === ' ') j -= 1;
  return j >= 0 && ':[,{='.includes(text[j]);
}

function closesSoon(text: string, end: number, closer: string): boolean {
  return text.slice(end, end + LOOKAHEAD + 1).includes(closer);
}

/** Is the straight double quote at `i` an opening one (even number of `"` before it on its line)? */
function opensQuote(text: string, i: number): boolean {
  const window = text.slice(Math.max(0, i - 300), i);
  const before = window.slice(window.lastIndexOf('\n') + 1);
  return (before.split('"').length - 1) % 2 === 0;
}

function straightQuoteOpens(text: string, i: number, end: number): boolean | undefined {
  const c = text[i];
  if (c === '"') return opensQuote(text, i) && !isJsonQuote(text, i) && closesSoon(text, end, '"');
  if (c === "'" && (i === 0 || /[\s(:[]/.test(text[i - 1]))) return closesSoon(text, end, "'");
  return undefined;
}

/**
 * True when the match sits inside a short quotation that opens at most 60 characters before it and closes
 * within 120 characters after it — the way prose quotes a payload. JSON string values do not count.
 */
export function quotedAt(text: string, start: number, end: number): boolean {
  for (let i = start - 1; i >= Math.max(0, start - LOOKBACK); i -= 1) {
    const c = text[i];
    if (c === '\n') return false;
    const closer = PAIRS[c];
    if (closer !== undefined) return closesSoon(text, end, closer);
    if (CLOSERS.has(c) && c !== '“') return false;
    const straight = straightQuoteOpens(text, i, end);
    if (straight !== undefined) {
      if (straight || c === '"') return straight;
    }
  }
  return false;
}
