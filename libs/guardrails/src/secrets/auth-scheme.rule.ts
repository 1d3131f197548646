import type { TextSpan } from '../text-span';
import { eachMatch, type SecretRule } from './secret.rule';
import { isPlaceholder, looksRandom } from './secret-value.heuristics';

const BEARER = /(?<![A-Za-z0-9_-])(?:Bearer|Token)[ \t]{1,8}([A-Za-z0-9._~+/=-]{8,8192})/gi;
const BASIC = /(?<![A-Za-z0-9_-])Basic[ \t]{1,8}([A-Za-z0-9+/]{8,8192}={0,2})/gi;

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

/** `Bearer <token>`, `token <token>` and `Basic <base64 user:password>` anywhere in text; the scheme word stays out. */
function scanAuthSchemes(text: string): TextSpan[] {
  return [
    ...eachMatch(BEARER, text, (m) => credentialSpan(m, isBearerValue, 'bearer-token')),
    ...eachMatch(BASIC, text, (m) => credentialSpan(m, isBasicValue, 'basic-credentials')),
  ];
}

/** See {@link scanAuthSchemes}. */
export const authSchemeRule: SecretRule = { id: 'auth-scheme', scan: scanAuthSchemes };
