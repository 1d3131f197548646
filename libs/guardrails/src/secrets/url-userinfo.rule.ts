import type { TextSpan } from '../text-span';
import type { SecretRule } from './secret.rule';
import { isPlaceholder } from './secret-value.heuristics';

/**
 * `scheme://user:` — any scheme (postgresql, mongodb+srv, redis, amqps, smtp, https…), any user, even empty.
 * Sticky: tried only where the scheme before a `://` starts.
 */
const USERINFO_AT = /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/[^\s:/?#@"'<>\\[\]`]{0,128}:/y;
const MAX_SCHEME = 32;
/** The rest of a URL written in text, bounded and sticky. */
const URL_REST = /[^\s"'<>\\`]{0,512}/y;
const MAX_AUTHORITY = 512;
const PORT = /^[0-9]{1,5}(?:[/?#]|$)/;

function regionEnd(text: string, from: number): number {
  URL_REST.lastIndex = from;
  return from + (URL_REST.exec(text)?.[0].length ?? 0);
}

/**
 * Where the password after `user:` ends: at the LAST `@` before the path, so passwords containing `@`, `:`,
 * `#` or `?` are covered whole. A `/` inside the password falls back to the first `@` after it, unless what
 * follows `host:` is a port. -1 when there is no `@`.
 */
function passwordEnd(region: string): number {
  const slash = region.indexOf('/');
  const last = (slash < 0 ? region : region.slice(0, slash)).lastIndexOf('@');
  if (last >= 0) return last;
  return slash < 0 || PORT.test(region) ? -1 : region.indexOf('@', slash);
}

function passwordSpan(text: string, from: number): { spans: TextSpan[]; resume: number } {
  const stop = regionEnd(text, from);
  const region = text.slice(from, stop);
  const at = passwordEnd(region);
  const cutOff = at < 0 && stop === text.length && region.length > 0 && !PORT.test(region);
  if (at < 0 && !cutOff) return { spans: [], resume: from };
  const end = cutOff ? stop : from + at;
  if (end <= from || isPlaceholder(text.slice(from, end))) return { spans: [], resume: Math.max(end, from) };
  return { spans: [{ start: from, end, kind: 'url-credentials', confidence: 0.95 }], resume: end };
}

/** Finds the next `@` at or after an offset; the answer is reused while it is still ahead. */
function atFinder(text: string): (from: number) => number {
  let next = -1;
  return (from) => {
    if (next < from) {
      const found = text.indexOf('@', from);
      next = found < 0 ? Infinity : found;
    }
    return next;
  };
}

const isSchemeChar = (code: number): boolean =>
  (code >= 97 && code <= 122) ||
  (code >= 65 && code <= 90) ||
  (code >= 48 && code <= 57) ||
  code === 43 || // +
  code === 46 || // .
  code === 45; // -

/** Where the scheme ending at the `://` at `separator` starts (a scheme starts its run, per the look-behind). */
function schemeStartBefore(text: string, separator: number): number {
  let start = separator;
  while (start > 0 && separator - start <= MAX_SCHEME && isSchemeChar(text.charCodeAt(start - 1))) start -= 1;
  return start;
}

/**
 * The password of `scheme://user:password@host` URLs of any scheme. When the URL is cut off before its host
 * (end of a stream chunk) everything after `user:` is taken. Ports (`host:8080`) and placeholders
 * (`${DB_PASSWORD}`, `<password>`) are left alone.
 */
function scanUserinfo(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  const nextAt = atFinder(text);
  let resume = 0;
  for (let sep = text.indexOf('://'); sep >= 0; sep = text.indexOf('://', sep + 1)) {
    const start = schemeStartBefore(text, sep);
    if (start < resume || start === sep) continue;
    USERINFO_AT.lastIndex = start;
    const m = USERINFO_AT.exec(text);
    if (!m) continue;
    const from = m.index + m[0].length;
    resume = from;
    // No `@` within reach and not cut off by the end of the text: no password here, skip the region scan.
    if (nextAt(from) > from + MAX_AUTHORITY && from + MAX_AUTHORITY < text.length) continue;
    const found = passwordSpan(text, from);
    spans.push(...found.spans);
    resume = found.resume;
  }
  return spans;
}

/** See {@link scanUserinfo}. */
export const urlUserinfoRule: SecretRule = { id: 'url-userinfo', scan: scanUserinfo };
