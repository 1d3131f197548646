/** Shannon entropy of the characters of `value`, in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]+$/i;

/** True for an RFC 4122-shaped UUID. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** True for a string of hex digits only (hashes, git SHAs, ids). */
export function isHex(value: string): boolean {
  return HEX.test(value);
}

const PLACEHOLDER_SHAPES: readonly RegExp[] = [
  /^(?:\$\{[^}]{0,200}\}|\$\(?[A-Za-z_][A-Za-z0-9_]{0,100}\)?|%[A-Za-z_][A-Za-z0-9_]{0,100}%)$/,
  /^(?:<[^<>]{0,200}>|\[[^[\]]{0,200}\]|\{[^{}]{0,200}\})$/,
  /\$\{|\{\{|\{%|process\.env|os\.environ|getenv|secrets\.[A-Za-z_]|vault:|env\(/i,
  /example|changeme|change[-_]me|replace[-_ ]?(?:me|with)|placeholder|dummy|redacted|insert[-_ ]|your[-_ ]?(?:own[-_ ])?(?:api|access|secret|token|key|pass|app|client|aws|github|openai)|[-_ ]here$|^(?:my|some|the)[-_]?(?:api[-_]?key|token|secret|password)$/i,
  /x{4,}|\*{3,}|•{3,}|\.{3}|…|^(?:null|nil|none|undefined|true|false|string|empty|n\/a|tbd|todo|fixme|hidden|masked|secret|password|passwd|token|apikey|api[-_]key|value|xxx?)$/i,
];

/**
 * True for documented placeholders and references rather than secrets: `${VAR}`, `{{ secret }}`, `<token>`,
 * `process.env.X`, `xxxx`, `your-api-key-here`, AWS's `…EXAMPLE` keys, `[REDACTED]`, booleans and nulls.
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (/^(.)\1*$/.test(v)) return true;
  return PLACEHOLDER_SHAPES.some((shape) => shape.test(v));
}

interface CharClasses {
  lower: boolean;
  upper: boolean;
  digit: boolean;
  symbol: boolean;
}

function charClasses(value: string): CharClasses {
  return {
    lower: /[a-z]/.test(value),
    upper: /[A-Z]/.test(value),
    digit: /[0-9]/.test(value),
    symbol: /[!@#$%^&*+=/?~|:;,<>]/.test(value),
  };
}

/** The entropy a random token of this length over a ~60-symbol alphabet clearly exceeds. */
function entropyFloor(length: number): number {
  return Math.log2(Math.min(length, 64)) * 0.78;
}

/**
 * True when `value` looks machine-generated: long enough, mixed letters and digits, and close to the entropy
 * of a random base62/base64 string of that length. Long hex strings (4 bits per character at most) stay under
 * the floor; callers that want them accept them explicitly.
 */
export function looksRandom(value: string, minLength = 16): boolean {
  if (value.length < minLength) return false;
  const c = charClasses(value);
  const letters = c.lower || c.upper;
  const mixed = (letters && c.digit) || (c.lower && c.upper && c.symbol);
  return mixed && shannonEntropy(value) >= entropyFloor(value.length);
}

const DOTTED_IDENTIFIER = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;

/**
 * For a value found after a secret-ish key in loose text (`password: …`, `token = …`): true unless it reads
 * like a word, an identifier, a code reference or a placeholder.
 */
export function looksLikeSecretValue(value: string): boolean {
  if (value.length < 6 || isPlaceholder(value) || DOTTED_IDENTIFIER.test(value) || /\s/.test(value))
    return false;
  const c = charClasses(value);
  if ((c.lower || c.upper) && (c.digit || c.symbol)) return true;
  return looksRandom(value);
}

const SCHEME_PREFIX = /^(?:Bearer|Basic|Token|Bot|ApiKey|Api-Key|SSWS|Splunk|AWS4-HMAC-SHA256|Digest)[ \t]+/i;

/** How many leading characters of a header value are an auth-scheme word and its spaces (`Bearer `). */
export function schemePrefixLength(value: string): number {
  return SCHEME_PREFIX.exec(value)?.[0].length ?? 0;
}

const PROSE_WORD = /^[A-Za-z][a-z]*[,.;:!?]?$/;

/** True for ordinary words (four or more) rather than a credential, e.g. a sentence after `Authorization:`. */
export function isProse(value: string): boolean {
  const words = value.trim().split(/\s+/);
  return words.length >= 4 && words.every((word) => PROSE_WORD.test(word));
}
