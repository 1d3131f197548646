import type { TextSpan } from '../text-span';
import type { SecretRule } from './secret.rule';

const BEGIN = /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/g;
const END = /-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/g;
const BODY_EVIDENCE = /[A-Za-z0-9+/]{16}/;
const FULL_LINE = 16;
/** Encapsulated headers of legacy encrypted keys (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`). */
const HEADER_LINE = /[A-Za-z][A-Za-z-]{0,30}: [^\r\n\\]{0,200}/y;
const KIND = 'pem-private-key';

interface Marker {
  start: number;
  end: number;
}

function markers(pattern: RegExp, text: string): Marker[] {
  const found: Marker[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    found.push({ start: m.index, end: m.index + m[0].length });
  }
  return found;
}

const isBase64 = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9+/=]/.test(c);

/** Skips whitespace and (possibly multiply) escaped `\n`, `\r`, `\t` going forward. */
function skipForward(text: string, at: number): number {
  let i = at;
  for (;;) {
    if (/\s/.test(text[i] ?? '')) i += 1;
    else if (text[i] === '\\') {
      let j = i;
      while (text[j] === '\\') j += 1;
      if (!/[nrt]/.test(text[j] ?? '')) return i;
      i = j + 1;
    } else return i;
  }
}

/** Skips whitespace and escaped newlines going backward from `at` (exclusive). */
function skipBackward(text: string, at: number): number {
  let i = at;
  for (;;) {
    if (i > 0 && /\s/.test(text[i - 1] ?? '')) i -= 1;
    else if (i > 1 && /[nrt]/.test(text[i - 1] ?? '') && text[i - 2] === '\\') {
      i -= 2;
      while (i > 0 && text[i - 1] === '\\') i -= 1;
    } else return i;
  }
}

/**
 * The base64 lines after a BEGIN line whose END was cut off (stream chunk, truncated log). Short lines are
 * taken only first, padded, or at the very end of the text, so trailing prose is not swallowed.
 */
function bodyAfter(text: string, from: number): number {
  let stop = from;
  let first = true;
  for (;;) {
    const start = skipForward(text, stop);
    HEADER_LINE.lastIndex = start;
    if (first && HEADER_LINE.test(text)) {
      stop = HEADER_LINE.lastIndex;
      continue;
    }
    let end = start;
    while (isBase64(text[end])) end += 1;
    const length = end - start;
    const accepted = length >= FULL_LINE || first || text[end - 1] === '=' || end === text.length;
    if (length === 0 || !accepted) return stop;
    stop = end;
    first = false;
  }
}

/** The base64 lines before an END line whose BEGIN is in an earlier chunk. */
function bodyBefore(text: string, from: number): number {
  let stop = from;
  for (let last = true; ; last = false) {
    const end = skipBackward(text, stop);
    let start = end;
    while (start > 0 && isBase64(text[start - 1])) start -= 1;
    const length = end - start;
    if (length === 0 || !(length >= FULL_LINE || last || start === 0)) return stop;
    stop = start;
  }
}

function hasBody(text: string, start: number, end: number): boolean {
  return BODY_EVIDENCE.test(text.slice(start, end).replace(/\\+[nrt]/g, '\n'));
}

function blockFrom(text: string, begin: Marker, end: Marker | undefined): TextSpan | undefined {
  if (end && hasBody(text, begin.end, end.start))
    return { start: begin.start, end: end.end, kind: KIND, confidence: 1 };
  const stop = bodyAfter(text, begin.end);
  return hasBody(text, begin.end, stop)
    ? { start: begin.start, end: stop, kind: KIND, confidence: 1 }
    : undefined;
}

function blockUntil(text: string, end: Marker, covered: number): TextSpan | undefined {
  if (end.start < covered) return undefined;
  const start = Math.max(bodyBefore(text, end.start), covered);
  return hasBody(text, start, end.start) ? { start, end: end.end, kind: KIND, confidence: 1 } : undefined;
}

/**
 * Whole PEM private-key blocks (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted, PGP): BEGIN line, body and END
 * line, with real or JSON-escaped newlines. A block cut by the edge of the text is still covered: a BEGIN
 * without END takes the base64 lines after it, an END without BEGIN the base64 lines before it. Public keys,
 * certificates and prose that only names the markers are left alone.
 */
function scanPem(text: string): TextSpan[] {
  if (!text.includes('PRIVATE KEY')) return [];
  const begins = markers(BEGIN, text);
  const ends = markers(END, text);
  const spans: TextSpan[] = [];
  let e = 0;
  const push = (span: TextSpan | undefined): void => void (span && spans.push(span));
  for (const [i, begin] of begins.entries()) {
    const covered = spans[spans.length - 1]?.end ?? 0;
    if (begin.start < covered) continue;
    for (; e < ends.length && (ends[e]?.start ?? 0) < begin.start; e += 1)
      push(blockUntil(text, ends[e], covered));
    const nextBegin = begins[i + 1]?.start ?? Infinity;
    const end = (ends[e]?.start ?? Infinity) < nextBegin ? ends[e] : undefined;
    const block = blockFrom(text, begin, end);
    if (block && end && block.end === end.end) e += 1;
    push(block);
  }
  for (; e < ends.length; e += 1) push(blockUntil(text, ends[e], spans[spans.length - 1]?.end ?? 0));
  return spans;
}

/** See {@link scanPem}. */
export const pemBlockRule: SecretRule = { id: 'pem-private-key', scan: scanPem };
