/**
 * A decoded copy of the scanned text. `offsets[i]` is where character `i` of `text` starts in the original
 * string, and `offsets[text.length]` is the original length, so a span found in the copy maps back exactly.
 */
export interface DecodedView {
  text: string;
  offsets: Int32Array;
}

const MAX_DEPTH = 3;
const ESCAPE_START = /[\\%]/g;
const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

type Escape = { char: string; width: number } | null;

function identityView(text: string): DecodedView {
  const offsets = new Int32Array(text.length + 1);
  for (let i = 0; i <= text.length; i += 1) offsets[i] = i;
  return { text, offsets };
}

/** The value of `count` hex digits at `at`, or -1. */
function hexAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i += 1) {
    const digit = parseInt(text[i] ?? 'x', 16);
    if (Number.isNaN(digit)) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** A JSON string escape (`\"`, `\n`, `\u0041`…) or a URL percent-escape (`%40`) starting at `at`. */
function escapeAt(text: string, at: number): Escape {
  if (text[at] === '%') {
    const byte = hexAt(text, at + 1, 2);
    return byte < 0 ? null : { char: String.fromCharCode(byte), width: 3 };
  }
  const next = text[at + 1] ?? '';
  const simple = JSON_ESCAPES[next];
  if (simple !== undefined) return { char: simple, width: 2 };
  const code = next === 'u' ? hexAt(text, at + 2, 4) : -1;
  return code < 0 ? null : { char: String.fromCharCode(code), width: 6 };
}

/** Decodes one layer of escapes, copying the text between them in bulk; null when nothing was decoded. */
function decodeLayer(view: DecodedView): DecodedView | null {
  const { text } = view;
  const chunks: string[] = [];
  const offsets = new Int32Array(text.length + 1);
  let out = 0;
  let copied = 0;
  ESCAPE_START.lastIndex = 0;
  for (let m = ESCAPE_START.exec(text); m !== null; m = ESCAPE_START.exec(text)) {
    const escape = escapeAt(text, m.index);
    if (!escape) continue;
    for (let i = copied; i <= m.index; i += 1) offsets[out++] = view.offsets[i] ?? 0;
    chunks.push(text.slice(copied, m.index), escape.char);
    copied = m.index + escape.width;
    ESCAPE_START.lastIndex = copied;
  }
  if (chunks.length === 0) return null;
  for (let i = copied; i <= text.length; i += 1) offsets[out++] = view.offsets[i] ?? 0;
  chunks.push(text.slice(copied));
  return { text: chunks.join(''), offsets: offsets.slice(0, out) };
}

/**
 * The text as written plus up to three decoded copies, each decoding one more layer of JSON string escapes
 * (`\"`, `\n`, `\u0040`) and URL percent-encoding, so a secret is found whichever way a payload wrapped it
 * (nested JSON, URL-encoded JSON…). Scanning cost grows with the layers actually present, at most fourfold.
 */
export function decodedViews(text: string): DecodedView[] {
  const views = [identityView(text)];
  for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
    const next = decodeLayer(views[views.length - 1] ?? views[0]);
    if (!next) break;
    views.push(next);
  }
  return views;
}
