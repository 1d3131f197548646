import { isIP } from 'node:net';
import type { TextSpan } from '../text-span';
import { anchoredMatches } from './anchored-matches.finder';
import { digitRunStarts } from './digit-run.finder';

/** Four dot-separated numbers, not in a longer dotted run (`1.2.3.4.5`) or a word; tried at digit runs. */
const IPV4 = /(?<![A-Za-z0-9_.-])[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(?![0-9A-Za-z_]|\.[0-9])/y;
/** A run of hex digits, colons and dots starting where no such character precedes it; tried at run starts. */
const IPV6_RUN = /(?<![A-Za-z0-9_:.])[0-9A-Fa-f:][0-9A-Fa-f:.]{1,63}/y;
/** The rest of a run of IPv6 characters, to skip past it. */
const IPV6_RUN_REST = /[0-9A-Fa-f:.]*/y;
/** The most characters of a run that {@link IPV6_RUN} reads. */
const IPV6_RUN_MAX = 64;
const VERSION_CONTEXT = /(?:version|ver\.?|release|build|firmware|v)[ \t]*[:=]?[ \t]*$/i;

/**
 * IPv4 addresses with every octet ≤ 255, except after a word like `version` or `v`. `starts` comes from
 * {@link digitRunStarts}; pass it when several rules scan the same text.
 */
export function scanIpv4(text: string, starts: readonly number[] = digitRunStarts(text)): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const m of anchoredMatches(IPV4, text, starts)) {
    const versioned = VERSION_CONTEXT.test(text.slice(Math.max(0, m.index - 12), m.index));
    if (!versioned && isIP(m[0]) === 4)
      spans.push({ start: m.index, end: m.index + m[0].length, kind: 'ipv4', confidence: 0.9 });
  }
  return spans;
}

/** The longest textual IPv6 address (`ffff:…:255.255.255.255`). */
const MAX_IPV6 = 45;

/** Cheap shape checks before `isIP`: length, at least two colons, one hex digit, at most one `::`. */
function plausibleIpv6(candidate: string): boolean {
  const colons = candidate.split(':').length - 1;
  const compressed = candidate.indexOf('::');
  return (
    candidate.length <= MAX_IPV6 &&
    colons >= 2 &&
    /[0-9A-Fa-f]/.test(candidate) &&
    candidate.indexOf('::', compressed + 1) < 0
  );
}

function ipv6Candidate(run: string): string {
  let candidate = run.replace(/\.+$/, '');
  if (candidate.endsWith(':') && !candidate.endsWith('::')) candidate = candidate.slice(0, -1);
  return candidate;
}

/** `0-9 :`, `.`, `A-F`, `a-f` by char code: the characters of an IPv6 run. */
function isIpv6Char(code: number): boolean {
  return (
    (code >= 48 && code <= 58) || code === 46 || (code >= 65 && code <= 70) || (code >= 97 && code <= 102)
  );
}

/**
 * Where the run of IPv6 characters holding the first colon at `colon` starts; -1 when that colon lies
 * past the part of the run {@link IPV6_RUN} reads, which then holds no colon and cannot be an address.
 */
function ipv6RunStart(text: string, colon: number): number {
  let start = colon;
  while (start > 0 && isIpv6Char(text.charCodeAt(start - 1))) {
    if (colon - start >= IPV6_RUN_MAX - 1) return -1;
    start -= 1;
  }
  return start;
}

/** The address in the run of IPv6 characters around `colon`, the first colon of that run. */
function ipv6SpanAround(text: string, colon: number): TextSpan | undefined {
  const start = ipv6RunStart(text, colon);
  if (start < 0) return undefined;
  IPV6_RUN.lastIndex = start;
  const m = IPV6_RUN.exec(text);
  if (!m) return undefined;
  const candidate = ipv6Candidate(m[0]);
  const glued = /[A-Za-z0-9_]/.test(text[m.index + m[0].length] ?? '');
  return !glued && plausibleIpv6(candidate) && isIP(candidate) === 6
    ? { start: m.index, end: m.index + candidate.length, kind: 'ipv6', confidence: 0.95 }
    : undefined;
}

/** One past the run of IPv6 characters holding `colon`. */
function ipv6RunEnd(text: string, colon: number): number {
  if (!isIpv6Char(text.charCodeAt(colon + 1))) return colon + 1;
  IPV6_RUN_REST.lastIndex = colon + 1;
  IPV6_RUN_REST.test(text);
  return IPV6_RUN_REST.lastIndex;
}

/** An address has two colons or more: most colons in JSON, code and logs are alone in their run. */
function hasSecondColon(text: string, colon: number, runEnd: number): boolean {
  if (runEnd - colon < 2) return false;
  const second = text.indexOf(':', colon + 1);
  return second >= 0 && second < runEnd;
}

/**
 * IPv6 addresses in full, compressed (`::`) and IPv4-embedded forms, each candidate confirmed by `node:net`.
 * An address holds colons, so only runs with two are read, each once: no match starts inside a run.
 */
export function scanIpv6(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let colon = text.indexOf(':');
  while (colon >= 0) {
    const runEnd = ipv6RunEnd(text, colon);
    const span = hasSecondColon(text, colon, runEnd) ? ipv6SpanAround(text, colon) : undefined;
    if (span) spans.push(span);
    colon = text.indexOf(':', runEnd);
  }
  return spans;
}
