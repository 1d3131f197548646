import { scanSecrets } from '@bastion/guardrails';

const MAX_DEPTH = 20;

/** The text with every secret the scanner finds replaced by `[REDACTED:<kind>]`. */
export function redactSecretsInText(text: string): string {
  const spans = scanSecrets(text);
  if (spans.length === 0) return text;
  let out = '';
  let cursor = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < cursor) continue;
    out += `${text.slice(cursor, span.start)}[REDACTED:${span.kind}]`;
    cursor = span.end;
  }
  return out + text.slice(cursor);
}

/** A copy of a log message's data with secrets in every string (values and keys) redacted. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecretsInText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[REDACTED:too-deep]';
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [redactSecretsInText(key), redactSecrets(item, depth + 1)]),
  );
}
