import type { EncodedSecretSample, SecretCase, SecretEncoding } from './secrets-sample.types';

/** JSON string body of `text` (what it looks like inside quotes). */
export function jsonEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function headerLine(c: SecretCase, n: number): string {
  if (c.secret.includes('\n')) return `X-Client-Key: ${jsonEscaped(c.secret)}`;
  const lines = [
    `Authorization: Bearer ${c.secret}`,
    `X-Api-Key: ${c.secret}`,
    `Cookie: theme=dark; session=${c.secret}`,
  ];
  return lines[n % lines.length] ?? '';
}

function httpRequest(line: string): string {
  return `POST /mcp HTTP/1.1\r\nHost: gw.example.com\r\n${line}\r\nContent-Type: application/json\r\n\r\n{"jsonrpc":"2.0","id":1}`;
}

/** The case text with log-like context around it (the `raw` encoding). */
export function inContext(c: SecretCase): string {
  return `[2026-08-21T10:00:00Z] upstream tool output follows\n${c.text}\nend of output (exit 0)`;
}

type Encoder = (c: SecretCase, n: number) => { text: string; forms: string[] };

const ENCODERS: Readonly<Record<SecretEncoding, Encoder>> = {
  raw: (c) => ({ text: inContext(c), forms: [c.secret] }),
  json: (c) => ({
    text: JSON.stringify({ level: 'info', msg: 'tool output', output: c.text }),
    forms: [c.secret, jsonEscaped(c.secret)],
  }),
  'nested-json': (c) => ({
    text: JSON.stringify({
      jsonrpc: '2.0',
      id: 7,
      result: { content: [{ type: 'text', text: JSON.stringify({ stdout: c.text }) }] },
    }),
    forms: [c.secret, jsonEscaped(c.secret), jsonEscaped(jsonEscaped(c.secret))],
  }),
  'url-encoded': (c) => ({
    text: `https://collector.example.com/ingest?v=1&payload=${encodeURIComponent(c.text)}`,
    forms: [c.secret, encodeURIComponent(c.secret)],
  }),
  header: (c, n) => ({ text: httpRequest(headerLine(c, n)), forms: [c.secret, jsonEscaped(c.secret)] }),
};

/** Every encoding the eval wraps each case in. */
export const SECRET_ENCODINGS = Object.keys(ENCODERS) as SecretEncoding[];

/** One case in one encoding. */
export function encodeCase(c: SecretCase, encoding: SecretEncoding, n: number): EncodedSecretSample {
  return { id: c.id, shape: c.shape, encoding, ...ENCODERS[encoding](c, n) };
}

/**
 * The raw text split into two stream chunks in the middle of the secret, as a streamed tool result might
 * deliver it.
 */
export function splitInSecret(c: SecretCase): [string, string] {
  const text = inContext(c);
  const at = text.indexOf(c.secret.slice(0, 8));
  const cut = at < 0 ? Math.floor(text.length / 2) : at + Math.floor(c.secret.length / 2);
  return [text.slice(0, cut), text.slice(cut)];
}
