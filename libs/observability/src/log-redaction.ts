/** Keys whose values never reach a log, at any depth and in any casing (compared without `-`/`_`). */
const SENSITIVE_KEYS = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'xapikey',
  'apikey',
  'password',
  'passwd',
  'secret',
  'clientsecret',
  'token',
  'accesstoken',
  'refreshtoken',
  'privatekey',
  'masterkey',
  'connectionstring',
  'key',
]);

/** Secret shapes scrubbed from free text: our own keys, bearer credentials, URL passwords. */
const SECRET_SHAPES: ReadonlyArray<[RegExp, string]> = [
  [/bgw_[0-9A-Za-z]{8,}/g, 'bgw_[REDACTED]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [REDACTED]'],
  [/([a-z][a-z0-9+.-]*:\/\/[^:/?#\s]+:)[^\s/?#]+@/gi, '$1[REDACTED]@'],
];

const MAX_DEPTH = 8;

function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));
}

/** Replaces secret shapes in a string, and CR/LF/ANSI/NUL so a value can never forge a log line. */
export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_SHAPES) out = out.replace(pattern, replacement);
  // eslint-disable-next-line no-control-regex
  return out.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').replace(/[\r\n]+/g, ' ');
}

/** A copy of a log value with sensitive keys masked and secret shapes scrubbed. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[TRUNCATED]';
  if (value instanceof Error) return { name: value.name, message: scrubText(value.message) };
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = isSensitiveKey(key) ? '[REDACTED]' : redactValue(child, depth + 1);
  }
  return out;
}
