import { describe, expect, it } from 'vitest';
import { BASE62, BASE64URL, fake, fakePem, spanTexts } from './fake-secret.fixture';
import { scanSecrets } from './index';

const GH = 'ghp_' + fake(BASE62, 36);
const redact = (text: string): string => {
  let out = '';
  let cursor = 0;
  for (const span of scanSecrets(text)) {
    out += text.slice(cursor, span.start) + '[REDACTED]';
    cursor = span.end;
  }
  return out + text.slice(cursor);
};

describe('scanSecrets', () => {
  it('returns nothing for ordinary text', () => {
    expect(scanSecrets('')).toEqual([]);
    expect(scanSecrets('The quick brown fox jumps over the lazy dog.')).toEqual([]);
  });

  it('returns sorted, non-overlapping spans with a kind and a confidence', () => {
    const text = `a=${GH} postgres://u:Pw0rd-9x@db/app Bearer ${fake(BASE64URL, 40)} ${fakePem()}`;
    const spans = scanSecrets(text);
    expect(spans.length).toBeGreaterThanOrEqual(4);
    for (const [i, span] of spans.entries()) {
      expect(span.end).toBeGreaterThan(span.start);
      expect(span.confidence).toBeGreaterThan(0);
      expect(span.confidence).toBeLessThanOrEqual(1);
      if (i > 0) expect(span.start).toBeGreaterThanOrEqual(spans[i - 1]?.end ?? 0);
    }
  });

  it.each([
    ['raw', GH],
    ['JSON-escaped', JSON.stringify({ out: `token ${GH}` })],
    ['nested JSON', JSON.stringify({ a: JSON.stringify({ b: JSON.stringify({ c: GH }) }) })],
    ['URL-encoded', `https://x.example/cb?data=${encodeURIComponent(JSON.stringify({ t: GH }))}`],
    ['in a header', `X-Upstream-Auth: ${GH}`],
  ])('finds a token written %s', (_name, text) => {
    expect(redact(text)).not.toContain(GH.slice(4, 12));
  });

  it('finds a password with an escaped quote inside URL-encoded JSON', () => {
    const password = 'Pw"' + fake(BASE62, 12);
    const text = 'payload=' + encodeURIComponent(JSON.stringify({ password }));
    expect(redact(text)).not.toContain(password.slice(3, 11));
  });

  it('keeps the scheme word out of Bearer and Basic spans', () => {
    const token = fake(BASE64URL, 40);
    const text = `{"headers":{"authorization":"Bearer ${token}"}}`;
    expect(spanTexts(text, scanSecrets(text))).toEqual([token]);
  });

  it('is idempotent: a redacted text has nothing left to find', () => {
    const text = `DB=postgres://u:P@ss-w0rd@db/app\nkey ${GH}\n${fakePem()}\nAuthorization: Bearer ${fake(BASE62, 30)}`;
    expect(scanSecrets(redact(text))).toEqual([]);
  });
});

describe('secrets behind a namespace delimiter', () => {
  it('finds a credential glued to a `server__` prefix', () => {
    const key = `sk-proj-${'Q7w8e9r0t1y2u3i4o5p6a7s8d9f0g1h2j3k4'}`;
    const text = `Unknown tool: echo__${key}`;
    const spans = scanSecrets(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toContain(key);
  });
});

describe('decoded copies are scanned around their escapes', () => {
  const filler = 'The committee met on Tuesday to review the spring schedule. '.repeat(200);

  it.each([
    ['a JSON-escaped header line', `${filler}log:\\nX-Api-Key: ${GH}\\n${filler}`],
    ['an escaped JSON assignment', `${filler}{\\"password\\": \\"${fake(BASE62, 20, 5)}\\"}${filler}`],
    ['a token after an escaped newline', `${filler}\\n${GH}\\n${filler}`],
    ['a URL-encoded query', `${filler}cb?data=${encodeURIComponent(JSON.stringify({ t: GH }))} ${filler}`],
    ['a token glued to a namespace far into the text', `${filler}Unknown tool: echo__${GH} ${filler}`],
  ])('finds %s in a long text', (_name, text) => {
    const secret = text.includes(GH) ? GH : fake(BASE62, 20, 5);
    expect(redact(text)).not.toContain(secret.slice(4, 12));
    expect(redact(text).length).toBeGreaterThan(filler.length * 2 - 100);
  });
});
