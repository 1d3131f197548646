import type { TextSpan } from '../text-span';
import type { SecretRule } from './secret.rule';
import { isPlaceholder, isProse, looksLikeSecretValue, schemePrefixLength } from './secret-value.heuristics';
import { SECRET_HEADER_DENYLIST, isSensitiveKeyName } from './sensitive-key.classifier';

/** `Name: value` where the name starts a line, follows a quote (`-H "Cookie: …"`) or a space; sticky. */
const HEADER_AT = /(?<![A-Za-z0-9_-])([A-Za-z][A-Za-z0-9-]{1,63})[ \t]{0,4}:[ \t]{0,8}/y;
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

/**
 * A value that reads as a word (`required`, `None`, `DISABLED`), not a credential. Letters in mixed case
 * (`QwErTyUiOpAs`) are not a word: such a value is taken.
 */
const BARE_WORD = /^(?:[a-z]{1,15}|[A-Z][a-z]{0,14}|[A-Z]{1,15})$/;

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
  const rejected = isPlaceholderValue(value) || isProse(value) || BARE_WORD.test(value);
  if (rejected || (!framed && !looksLikeSecretValue(value))) return { spans: [], resume: end };
  return { spans: [{ start: from + skip, end, kind: 'secret-header', confidence: 0.9 }], resume: end };
}

const isNameChar = (code: number): boolean =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 45;

/**
 * Where a header name ending just before the colon at `colon` would start: spaces and tabs (at most four),
 * then a run of name characters. A name must start its run (the pattern's look-behind), so this is the
 * only place a header match ending at this colon can begin; -1 when there is no name.
 */
function nameStartBefore(text: string, colon: number): number {
  let end = colon;
  while (end > 0 && colon - end < 4 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end -= 1;
  let start = end;
  while (start > 0 && end - start <= 64 && isNameChar(text.charCodeAt(start - 1))) start -= 1;
  return end - start >= 2 ? start : -1;
}

/** Every credential header name starts like a denylisted one or with `x-`, in any case. */
const SECRET_HEADER_INITIALS = new Set(
  [...SECRET_HEADER_DENYLIST, 'x-'].flatMap((name) => [name[0] ?? '', (name[0] ?? '').toUpperCase()]),
);
/** The shortest credential header names: denylisted ones, or `x-` and a three-letter term (`x-pwd`). */
const MIN_SECRET_HEADER = Math.min(...SECRET_HEADER_DENYLIST.map((name) => name.length), 'x-'.length + 3);

/** A cheap filter before the exact check: most colons in logs and prose follow times and ordinary words. */
function mayNameSecretHeader(text: string, start: number, colon: number): boolean {
  return colon - start >= MIN_SECRET_HEADER && SECRET_HEADER_INITIALS.has(text[start] ?? '');
}

/**
 * Values of credential headers (Authorization, Cookie, Set-Cookie, X-Api-Key, Proxy-Authorization, x-*-token…)
 * in HTTP dumps, curl commands and logs. The auth-scheme word (`Bearer`, `Basic`) stays out of the span.
 * Each colon is a candidate (prose has few), instead of trying a name at every word.
 */
function scanHeaders(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let resume = 0;
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    const start = nameStartBefore(text, colon);
    if (start < resume || !mayNameSecretHeader(text, start, colon)) continue;
    HEADER_AT.lastIndex = start;
    const m = HEADER_AT.exec(text);
    if (!m || !isSecretHeader(m[1] ?? '')) continue;
    const found = headerSpan(text, m);
    spans.push(...found.spans);
    resume = Math.max(m.index + m[0].length, found.resume);
  }
  return spans;
}

/** See {@link scanHeaders}. */
export const headerLineRule: SecretRule = { id: 'header-line', scan: scanHeaders };
