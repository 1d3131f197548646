import type { TextSpan } from '../text-span';
import type { SecretRule } from './secret.rule';
import { isHex, isPlaceholder, isUuid, looksRandom } from './secret-value.heuristics';

/** A run of token characters (base64, base64url, dots, tildes) with optional `=` padding at its end only. */
const TOKEN = /(?<![A-Za-z0-9+/=_.~-])[A-Za-z0-9+/_~-][A-Za-z0-9+/_.~-]{11,1023}/g;
const TOKEN_TAIL = /[A-Za-z0-9+/_.~-]*/y;
const PADDING = /={1,2}(?![A-Za-z0-9+/=_.~-])/y;
const KEYWORD =
  /secret|token|passw|pwd|api[-_ ]?key|access[-_ ]?key|private[-_ ]?key|signing[-_ ]?key|credential|bearer|session|cookie|auth(?!or)/gi;
/** What sits between a key and its value; such pairs belong to the assignment rule. */
const ASSIGNMENT_GAP = /^["']?[ \t]*(?::=|=>|[:=])[ \t]*["'`]?$/;
const WINDOW = 48;

/** Path-like tokens (`api/v1/users/12345`) have several all-lowercase word segments; random base64 does not. */
function isPathLike(token: string): boolean {
  return token.split('/').filter((segment) => /^[a-z][a-z-]{2,}$/.test(segment)).length >= 2;
}

/** snake_case or kebab-case identifiers (`add_special_tokens`, `input-tokens-v2`). */
function isIdentifier(token: string): boolean {
  const parts = token.split(/[_-]/);
  return parts.length >= 2 && /^[a-z]/.test(token) && parts.every((part) => /^[a-z0-9]{1,16}$/.test(part));
}

/** End offsets of every secret-ish word, so tokens far from all of them are skipped cheaply. */
function keywordEndOffsets(text: string): number[] {
  const ends: number[] = [];
  KEYWORD.lastIndex = 0;
  for (let m = KEYWORD.exec(text); m !== null; m = KEYWORD.exec(text)) ends.push(m.index + m[0].length);
  return ends;
}

/** True when a secret-ish word precedes `start` on the same line, other than as the key of an assignment. */
function keywordBefore(text: string, start: number): boolean {
  const window = text.slice(Math.max(0, start - WINDOW), start);
  const line = window.slice(window.lastIndexOf('\n') + 1);
  let last: RegExpExecArray | undefined;
  KEYWORD.lastIndex = 0;
  for (let m = KEYWORD.exec(line); m !== null; m = KEYWORD.exec(line)) last = m;
  if (!last) return false;
  const wordEnd = /^[A-Za-z0-9_.-]*/.exec(line.slice(last.index + last[0].length))?.[0].length ?? 0;
  return !ASSIGNMENT_GAP.test(line.slice(last.index + last[0].length + wordEnd));
}

/** A random-looking token; 12 characters suffice when the text ends inside it (first half of a split). */
function candidate(token: string, cutOff: boolean): boolean {
  if (isHex(token) || isUuid(token) || isPathLike(token) || isIdentifier(token) || isPlaceholder(token))
    return false;
  return looksRandom(token.replace(/=+$/, ''), cutOff ? 12 : 20);
}

/** The whole token from `start`: the rest of a run longer than the regex cap, `=` padding, no final dots. */
function fullToken(text: string, start: number, head: string): string {
  TOKEN_TAIL.lastIndex = start + head.length;
  const run = head + (TOKEN_TAIL.exec(text)?.[0] ?? '');
  PADDING.lastIndex = start + run.length;
  return (run + (PADDING.exec(text)?.[0] ?? '')).replace(/\.+$/, '');
}

/**
 * Long random-looking tokens shortly after a secret-ish word on the same line (`my api key is 8Fh3…`), for
 * credentials with no known prefix and no `key=` form. Hex hashes, UUIDs, identifiers and paths are left alone.
 */
function scanNearKeywords(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  const keywordEnds = keywordEndOffsets(text);
  let k = 0;
  TOKEN.lastIndex = 0;
  for (let m = keywordEnds.length > 0 ? TOKEN.exec(text) : null; m !== null; m = TOKEN.exec(text)) {
    const token = fullToken(text, m.index, m[0]);
    TOKEN.lastIndex = m.index + token.length;
    while (k < keywordEnds.length && (keywordEnds[k] ?? 0) < m.index - WINDOW) k += 1;
    if ((keywordEnds[k] ?? Infinity) > m.index) continue;
    const cutOff = m.index + token.length === text.length;
    if (candidate(token, cutOff) && keywordBefore(text, m.index)) {
      spans.push({ start: m.index, end: m.index + token.length, kind: 'keyword-token', confidence: 0.6 });
    }
  }
  return spans;
}

/** See {@link scanNearKeywords}. */
export const keywordProximityRule: SecretRule = { id: 'keyword-proximity', scan: scanNearKeywords };
