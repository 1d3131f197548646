import type { TextSpan } from '../text-span';
import type { SecretRule } from './secret.rule';
import { isPlaceholder, isProse, looksLikeSecretValue, schemePrefixLength } from './secret-value.heuristics';
import { SECRET_HEADER_DENYLIST, isSensitiveKeyName } from './sensitive-key.classifier';

/** `Name: value` where the name starts a line, follows a quote (`-H "Cookie: …"`) or a space. */
const HEADER = /(?<![A-Za-z0-9_-])([A-Za-z][A-Za-z0-9-]{1,63})[ \t]{0,4}:[ \t]{0,8}/g;
/** The rest of the line, bounded and sticky so it never scans past the value. */
const LINE_REST = /[^\r\n]{0,8192}/y;

function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_HEADER_DENYLIST.includes(lower) || (lower.startsWith('x-') && isSensitiveKeyName(lower));
}

/** Where the header value ends: end of line, or the quote that opened `"Name: value"`. */
function valueEnd(text: string, from: number, opener: string | undefined): number {
  LINE_REST.lastIndex = from;
  let end = from + (LINE_REST.exec(text)?.[0].length ?? 0);
  if (opener === '"' || opener === "'") {
    const quote = text.indexOf(opener, from);
    if (quote >= 0 && quote < end) end = quote;
  }
  while (end > from && /\s/.test(text[end - 1] ?? '')) end -= 1;
  return end;
}

/** `name=value`, but not base64 padding (`dXNlcg==`). */
const COOKIE_ITEM = /^[\w.-]{1,64}=(?!=+$)(.*)$/;

/** A list value (`a=b; sid=<token>`) is a placeholder only when every item's value is one. */
function isPlaceholderValue(value: string): boolean {
  const items = value.split(/[;,][ \t]*/).map((item) => COOKIE_ITEM.exec(item)?.[1] ?? item);
  return items.every((item) => item.trim() === '' || isPlaceholder(item));
}

/** A header at the start of a (possibly indented) line or opening a quoted argument is a real header line. */
function isFramed(text: string, at: number): boolean {
  return (
    at === 0 ||
    /[\r\n"']/.test(text[at - 1] ?? '') ||
    /[\r\n][ \t]*$/.test(text.slice(Math.max(0, at - 9), at))
  );
}

/**
 * A framed header's value is taken unless it is a placeholder, prose or a bare word; a header named
 * mid-sentence needs a secret-looking value.
 */
function headerSpan(text: string, m: RegExpExecArray): { spans: TextSpan[]; resume: number } {
  const opener = text[m.index - 1];
  const framed = isFramed(text, m.index);
  const from = m.index + m[0].length;
  const end = valueEnd(text, from, opener);
  const skip = schemePrefixLength(text.slice(from, end));
  const value = text.slice(from + skip, end);
  const rejected = isPlaceholderValue(value) || isProse(value) || /^[A-Za-z]{1,15}$/.test(value);
  if (rejected || (!framed && !looksLikeSecretValue(value))) return { spans: [], resume: end };
  return { spans: [{ start: from + skip, end, kind: 'secret-header', confidence: 0.9 }], resume: end };
}

/**
 * Values of credential headers (Authorization, Cookie, Set-Cookie, X-Api-Key, Proxy-Authorization, x-*-token…)
 * in HTTP dumps, curl commands and logs. The auth-scheme word (`Bearer`, `Basic`) stays out of the span.
 */
function scanHeaders(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  HEADER.lastIndex = 0;
  for (let m = HEADER.exec(text); m !== null; m = HEADER.exec(text)) {
    if (!isSecretHeader(m[1] ?? '')) continue;
    const found = headerSpan(text, m);
    spans.push(...found.spans);
    HEADER.lastIndex = Math.max(HEADER.lastIndex, found.resume);
  }
  return spans;
}

/** See {@link scanHeaders}. */
export const headerLineRule: SecretRule = { id: 'header-line', scan: scanHeaders };
