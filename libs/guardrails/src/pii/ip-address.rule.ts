import { isIP } from 'node:net';
import type { TextSpan } from '../text-span';

/** Four dot-separated numbers, not inside a longer dotted run (`1.2.3.4.5`) or a word. */
const IPV4 = /(?<![A-Za-z0-9_.-])[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(?![0-9A-Za-z_]|\.[0-9])/g;
/** A run of hex digits, colons and dots starting where no such character precedes it. */
const IPV6_RUN = /(?<![A-Za-z0-9_:.])[0-9A-Fa-f:][0-9A-Fa-f:.]{1,63}/g;
const VERSION_CONTEXT = /(?:version|ver\.?|release|build|firmware|v)[ \t]*[:=]?[ \t]*$/i;

/** IPv4 addresses with every octet ≤ 255, except after a word like `version` or `v`. */
export function scanIpv4(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  IPV4.lastIndex = 0;
  for (let m = IPV4.exec(text); m !== null; m = IPV4.exec(text)) {
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

/** IPv6 addresses in full, compressed (`::`) and IPv4-embedded forms, each candidate confirmed by `node:net`. */
export function scanIpv6(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  IPV6_RUN.lastIndex = 0;
  for (let m = IPV6_RUN.exec(text); m !== null; m = IPV6_RUN.exec(text)) {
    const candidate = ipv6Candidate(m[0]);
    const end = m.index + candidate.length;
    const glued = /[A-Za-z0-9_]/.test(text[m.index + m[0].length] ?? '');
    if (!glued && plausibleIpv6(candidate) && isIP(candidate) === 6) {
      spans.push({ start: m.index, end, kind: 'ipv6', confidence: 0.95 });
    }
  }
  return spans;
}
