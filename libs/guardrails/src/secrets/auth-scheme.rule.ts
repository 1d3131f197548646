import type { TextSpan } from '../text-span';
import type { SecretRule } from './secret.rule';
import { isPlaceholder, looksRandom } from './secret-value.heuristics';
import { cluesFor, type TextClues } from './text.clues';

/** Sticky: tried only where a `bearer`, `token` or `basic` word is. */
const BEARER_AT = /(?<![A-Za-z0-9_-])(?:Bearer|Token)[ \t]{1,8}([A-Za-z0-9._~+/=-]{8,8192})/iy;
const BASIC_AT = /(?<![A-Za-z0-9_-])Basic[ \t]{1,8}([A-Za-z0-9+/]{8,8192}={0,2})/iy;

/** A bearer value has digits or reads as random, unlike `bearer tokens`, `Bearer YOUR_TOKEN`. */
function isBearerValue(value: string): boolean {
  if (isPlaceholder(value)) return false;
  return (/[0-9]/.test(value) && /[A-Za-z]/.test(value)) || looksRandom(value);
}

/** A Basic credential is base64 of `user:password`, unlike the word `authentication`. */
function isBasicValue(value: string): boolean {
  const decoded = Buffer.from(value, 'base64').toString('latin1');
  return decoded.includes(':') && /^[\x20-\x7e]+$/.test(decoded) && !isPlaceholder(value);
}

function credentialSpan(
  match: RegExpExecArray,
  accept: (value: string) => boolean,
  kind: string,
): TextSpan[] {
  const value = (match[1] ?? '').replace(/\.+$/, '');
  if (!accept(value)) return [];
  const start = match.index + match[0].length - (match[1] ?? '').length;
  return [{ start, end: start + value.length, kind, confidence: 0.9 }];
}

interface Scheme {
  pattern: RegExp;
  accept: (value: string) => boolean;
  kind: string;
}

const BEARER: Scheme = { pattern: BEARER_AT, accept: isBearerValue, kind: 'bearer-token' };
const BASIC: Scheme = { pattern: BASIC_AT, accept: isBasicValue, kind: 'basic-credentials' };

const SCHEME_WORDS: ReadonlyArray<[string, Scheme]> = [
  ['bearer', BEARER],
  ['token', BEARER],
  ['basic', BASIC],
];
const ANY_SCHEME_WORD = /bearer|token|basic/gi;

/** Each scheme word's offset and scheme, in order. */
function schemeWords(text: string, clues: TextClues): Array<[number, Scheme]> {
  const found: Array<[number, Scheme]> = [];
  for (const [word, scheme] of SCHEME_WORDS) {
    const offsets = clues.wordAt(word);
    if (offsets === undefined) return wordsByPattern(text);
    for (const at of offsets) found.push([at, scheme]);
  }
  return found.sort((a, b) => a[0] - b[0]);
}

/** The slower way, for texts whose lower-cased copy has other offsets. */
function wordsByPattern(text: string): Array<[number, Scheme]> {
  const found: Array<[number, Scheme]> = [];
  ANY_SCHEME_WORD.lastIndex = 0;
  for (let m = ANY_SCHEME_WORD.exec(text); m !== null; m = ANY_SCHEME_WORD.exec(text)) {
    found.push([m.index, m[0].toLowerCase() === 'basic' ? BASIC : BEARER]);
  }
  return found;
}

/**
 * `Bearer <token>`, `token <token>` and `Basic <base64 user:password>` anywhere in text; the scheme word stays
 * out. Each scheme keeps its own resume point, as separate global scans of the two patterns would.
 */
function scanAuthSchemes(text: string, clues?: TextClues): TextSpan[] {
  const spans: TextSpan[] = [];
  const resume = new Map<Scheme, number>();
  for (const [at, scheme] of schemeWords(text, cluesFor(text, clues))) {
    if (at < (resume.get(scheme) ?? 0)) continue;
    scheme.pattern.lastIndex = at;
    const match = scheme.pattern.exec(text);
    if (!match) continue;
    resume.set(scheme, match.index + match[0].length);
    spans.push(...credentialSpan(match, scheme.accept, scheme.kind));
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** See {@link scanAuthSchemes}. */
export const authSchemeRule: SecretRule = { id: 'auth-scheme', scan: scanAuthSchemes };
