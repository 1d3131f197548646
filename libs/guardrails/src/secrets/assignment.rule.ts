import type { TextSpan } from '../text-span';
import { isQuote, readAssignedValue, type AssignedValue } from './assigned-value.parser';
import type { SecretRule } from './secret.rule';
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
 * contains a secret-ish word. The key starts where no identifier character precedes it (each run is tried
 * once) and is capped, so matching stays linear.
 */
const ASSIGNMENT =
  /(?<![A-Za-z0-9_.$@-])((?=[A-Za-z_$])[A-Za-z0-9_.$-]{0,40}?(?:pass|secret|key|token|pwd|auth|cred|sig|cookie|session|conn|webhook|dsn|jwt|bearer|otp|psk|private|salt)[A-Za-z0-9_.-]{0,40})(["']?)([ \t]{0,8})(:=|=>|=|:)([ \t]{0,8})/gi;
/** Loose secret-ish words: a key containing one needs a random-looking value (`signing_key=…`). */
const LOOSE_KEY = /key|secret|token|passw|pwd|auth|cred|sig|private|cookie|session|salt/i;

type Strength = 'strong' | 'loose' | 'random';

function keyStrength(key: string, queryParam: boolean, strongForm: boolean): Strength | undefined {
  const sensitive = queryParam ? isSensitiveParamName(key) : isSensitiveKeyName(key);
  if (sensitive) return strongForm ? 'strong' : 'loose';
  if (LOOSE_KEY.test(key) && !/public/i.test(key) && !isHandleTokenName(key)) return 'random';
  return undefined;
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

function matchSpans(text: string, m: RegExpExecArray): { spans: TextSpan[]; resume: number } {
  const [whole, key = '', , before = '', operator = '', after = ''] = m;
  const valueAt = m.index + whole.length;
  const queryParam = operator === '=' && /[?&;#]/.test(text[m.index - 1] ?? '');
  const tightEquals = operator === '=' && before === '' && after === '';
  const strength = keyStrength(key, queryParam, isQuote(text[valueAt]) || tightEquals);
  if (strength === undefined) return { spans: [], resume: valueAt };
  const value = readAssignedValue(text, valueAt);
  return { spans: valueSpan(text, value, strength), resume: Math.max(value.resume, valueAt) };
}

/**
 * Values assigned to secret-ish keys in free text: JSON/YAML/TOML/env/query-string forms. Quoted values and
 * tight `KEY=value` of a sensitive key are taken unless they are placeholders; looser forms (`password: x`)
 * need a secret-looking value; other keys mentioning key/secret/token/auth need a random-looking one.
 */
function scanAssignments(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(text); m !== null; m = ASSIGNMENT.exec(text)) {
    const found = matchSpans(text, m);
    spans.push(...found.spans);
    ASSIGNMENT.lastIndex = found.resume;
  }
  return spans;
}

/** See {@link scanAssignments}. */
export const assignmentRule: SecretRule = { id: 'assignment', scan: scanAssignments };
