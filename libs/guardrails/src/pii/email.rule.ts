import type { TextSpan } from '../text-span';

/**
 * Local part from its first character (look-behind), `@`, then a domain-ish run checked in code. Sticky:
 * tried only where the local part before an `@` starts.
 */
const CANDIDATE = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9][A-Za-z0-9.-]{0,252}/y;
/** The longest local part {@link CANDIDATE} reads. */
const MAX_LOCAL = 64;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TLD = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;
/** File extensions that follow `@` in asset names (`logo@2x.png`), never top-level domains here. */
const FILE_SUFFIXES: ReadonlySet<string> = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'webp',
  'ico',
  'bmp',
  'css',
  'js',
  'ts',
  'json',
  'map',
]);

function validDomain(domain: string): boolean {
  const labels = domain.split('.');
  const tld = labels[labels.length - 1] ?? '';
  return (
    labels.length >= 2 &&
    labels.every((label) => LABEL.test(label)) &&
    TLD.test(tld) &&
    !FILE_SUFFIXES.has(tld.toLowerCase())
  );
}

function validLocal(local: string): boolean {
  return !local.endsWith('.') && !local.includes('..');
}

/** `A-Z a-z 0-9 . _ % + -` by char code: the characters of a local part. */
function isLocalChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 46 ||
    code === 95 ||
    code === 37 ||
    code === 43 ||
    code === 45
  );
}

/**
 * Where the local part before the `@` at `at` starts: the start of the run of local-part characters, which
 * the look-behind demands; -1 when that run is empty or too long to be one.
 */
function localStart(text: string, at: number): number {
  let start = at;
  while (start > 0 && isLocalChar(text.charCodeAt(start - 1))) {
    if (at - start >= MAX_LOCAL) return -1;
    start -= 1;
  }
  return start < at ? start : -1;
}

/**
 * E-mail addresses: RFC 5321-style local part and a domain of valid labels with an alphabetic TLD. Every
 * address holds an `@`, so the search starts from each `@` instead of from every letter.
 */
export function scanEmails(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let resumeAt = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    const start = localStart(text, at);
    if (start < resumeAt) continue;
    CANDIDATE.lastIndex = start;
    const m = CANDIDATE.exec(text);
    if (!m) continue;
    resumeAt = start + m[0].length;
    const domain = m[0].slice(at - start + 1).replace(/[.-]+$/, '');
    if (validLocal(m[0].slice(0, at - start)) && validDomain(domain)) {
      spans.push({ start, end: at + 1 + domain.length, kind: 'email', confidence: 0.95 });
    }
  }
  return spans;
}
