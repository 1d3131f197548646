import type { TextSpan } from '../text-span';
import { isQuote, readAssignedValue, type AssignedValue } from './assigned-value.parser';
import type { SecretRule } from './secret.rule';
import { cluesFor, type TextClues } from './text.clues';
import {
  isHex,
  isPlaceholder,
  isUuid,
  looksLikeSecretValue,
  looksRandom,
  schemePrefixLength,
} from './secret-value.heuristics';
import { isHandleTokenName, isSensitiveKeyName, isSensitiveParamName } from './sensitive-key.classifier';

/**
 * `key = value`, `key: value`, `"key": "value"`, `key := value`, `key => value`, `?key=value&…`, where the key
 * contains a secret-ish word. The key starts where no identifier character precedes it and is capped. Sticky:
 * it is tried only at the start of the identifier run around a secret-ish stem.
 */
const ASSIGNMENT_AT =
  /(?<![A-Za-z0-9_.$@-])((?=[A-Za-z_$])[A-Za-z0-9_.$-]{0,40}?(?:pass|secret|key|token|pwd|auth|cred|sig|cookie|session|conn|webhook|dsn|jwt|bearer|otp|psk|private|salt)[A-Za-z0-9_.-]{0,40})(["']?)([ \t]{0,8})(:=|=>|=|:)([ \t]{0,8})/iy;
/** A key has at most 40 characters before its stem; a reported stem may sit a few characters before that one. */
const MAX_KEY_HEAD = 48;
/**
 * How far before its operator a key's stem can start: a key is at most 87 characters (40 + stem + 40), then
 * an optional quote and up to 8 spaces.
 */
const STEM_BEFORE_OPERATOR = 104;
/** Loose secret-ish words: a key containing one needs a random-looking value (`signing_key=…`). */
const LOOSE_KEY = /key|secret|token|passw|pwd|auth|cred|sig|private|cookie|session|salt/i;

type Strength = 'strong' | 'loose' | 'random';
/** What a key name says about its value: sensitive, loosely secret-ish (`signing_key`), or nothing. */
type KeyKind = 'sensitive' | 'loose' | undefined;
/** Key kinds already worked out in this scan: JSON and logs repeat the same keys many times. */
type KeyKinds = Map<string, KeyKind>;

function keyKind(key: string, queryParam: boolean): KeyKind {
  if (queryParam ? isSensitiveParamName(key) : isSensitiveKeyName(key)) return 'sensitive';
  if (LOOSE_KEY.test(key) && !/public/i.test(key) && !isHandleTokenName(key)) return 'loose';
  return undefined;
}

function keyStrength(
  key: string,
  queryParam: boolean,
  strongForm: boolean,
  known: KeyKinds,
): Strength | undefined {
  const memo = (queryParam ? '?' : ' ') + key;
  let kind = known.get(memo);
  if (!known.has(memo)) {
    kind = keyKind(key, queryParam);
    known.set(memo, kind);
  }
  if (kind === 'sensitive') return strongForm ? 'strong' : 'loose';
  return kind === 'loose' ? 'random' : undefined;
}

function acceptsValue(value: string, strength: Strength): boolean {
  if (value.length === 0 || value.startsWith('-----BEGIN')) return false;
  if (strength === 'strong') return value.length >= 3 && !isPlaceholder(value);
  if (strength === 'loose') return looksLikeSecretValue(value);
  const random = looksRandom(value) || (isHex(value) && value.length >= 32);
  return random && !isUuid(value) && !isPlaceholder(value);
}

function valueSpan(text: string, value: AssignedValue, strength: Strength): TextSpan[] {
  const raw = text.slice(value.start, value.end);
  const skip = schemePrefixLength(raw);
  const secret = raw.slice(skip).trim();
  if (!acceptsValue(secret, strength)) return [];
  const start = value.start + skip + (raw.slice(skip).length - raw.slice(skip).trimStart().length);
  const confidence = strength === 'strong' ? 0.9 : 0.75;
  return [{ start, end: start + secret.length, kind: 'assigned-secret', confidence }];
}

function matchSpans(
  text: string,
  m: RegExpExecArray,
  known: KeyKinds,
): { spans: TextSpan[]; resume: number } {
  const [whole, key = '', , before = '', operator = '', after = ''] = m;
  const valueAt = m.index + whole.length;
  const queryParam = operator === '=' && /[?&;#]/.test(text[m.index - 1] ?? '');
  const tightEquals = operator === '=' && before === '' && after === '';
  const strength = keyStrength(key, queryParam, isQuote(text[valueAt]) || tightEquals, known);
  if (strength === undefined) return { spans: [], resume: valueAt };
  const value = readAssignedValue(text, valueAt);
  return { spans: valueSpan(text, value, strength), resume: Math.max(value.resume, valueAt) };
}

const isKeyChar = (code: number): boolean =>
  (code >= 97 && code <= 122) ||
  (code >= 65 && code <= 90) ||
  (code >= 48 && code <= 57) ||
  code === 95 || // _
  code === 46 || // .
  code === 36 || // $
  code === 45; // -

/** Start of the identifier run holding the stem at `stem`, or -1 when it is too far for a key to reach. */
function keyStartBefore(text: string, stem: number): number {
  let start = stem;
  while (start > 0 && isKeyChar(text.charCodeAt(start - 1))) {
    start -= 1;
    if (stem - start > MAX_KEY_HEAD) return -1;
  }
  return start;
}

/**
 * Values assigned to secret-ish keys in free text: JSON/YAML/TOML/env/query-string forms. Quoted values and
 * tight `KEY=value` of a sensitive key are taken unless they are placeholders; looser forms (`password: x`)
 * need a secret-looking value; other keys mentioning key/secret/token/auth need a random-looking one.
 * A key can only start where its identifier run starts (the look-behind), so the pattern is tried once per
 * run that holds a stem (and ends shortly before a `:` or `=`) rather than at every word.
 */
function scanAssignments(text: string, clues?: TextClues): TextSpan[] {
  const spans: TextSpan[] = [];
  const known: KeyKinds = new Map();
  const stems = cluesFor(text, clues).stemsBefore(':=', STEM_BEFORE_OPERATOR);
  let resume = 0;
  let tried = -1;
  for (const stem of stems) {
    if (stem.start < resume) continue;
    const start = keyStartBefore(text, stem.start);
    if (start < resume || start === tried) continue;
    tried = start;
    ASSIGNMENT_AT.lastIndex = start;
    const m = ASSIGNMENT_AT.exec(text);
    if (!m) continue;
    const found = matchSpans(text, m, known);
    spans.push(...found.spans);
    resume = found.resume;
  }
  return spans;
}

/** See {@link scanAssignments}. */
export const assignmentRule: SecretRule = { id: 'assignment', scan: scanAssignments };
