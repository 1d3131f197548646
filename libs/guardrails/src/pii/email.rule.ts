import type { TextSpan } from '../text-span';

/** Local part from its first character (look-behind), `@`, then a domain-ish run checked in code. */
const CANDIDATE = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9][A-Za-z0-9.-]{0,252}/g;
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

/** E-mail addresses: RFC 5321-style local part and a domain of valid labels with an alphabetic TLD. */
export function scanEmails(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    const at = m[0].indexOf('@');
    const domain = m[0].slice(at + 1).replace(/[.-]+$/, '');
    if (validLocal(m[0].slice(0, at)) && validDomain(domain)) {
      spans.push({ start: m.index, end: m.index + at + 1 + domain.length, kind: 'email', confidence: 0.95 });
    }
  }
  return spans;
}
