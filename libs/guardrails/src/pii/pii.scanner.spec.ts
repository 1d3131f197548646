import { describe, expect, it } from 'vitest';
import { PII_KINDS, scanPii } from './index';

const kinds = (text: string, only?: Parameters<typeof scanPii>[1]): string[] =>
  scanPii(text, only).map((s) => s.kind);

describe('scanPii', () => {
  const text =
    'Mail jane@example.com, call +44 20 7946 0958, card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32, SSN 536-22-1234, hosts 10.0.0.1 and ::1.';

  it('finds every kind, sorted', () => {
    expect(kinds(text)).toEqual(['email', 'phone', 'payment-card', 'iban', 'us-ssn', 'ipv4', 'ipv6']);
    const spans = scanPii(text);
    for (const [i, span] of spans.entries())
      if (i > 0) expect(span.start).toBeGreaterThanOrEqual(spans[i - 1]?.end ?? 0);
  });

  it('narrows the search to the given kinds', () => {
    expect(kinds(text, ['email', 'ipv4'])).toEqual(['email', 'ipv4']);
    expect(kinds(text, [])).toEqual([]);
  });

  it('lists every kind once', () => {
    expect(new Set(PII_KINDS).size).toBe(7);
  });

  it('prefers the IBAN over card-like digits inside it', () => {
    expect(kinds('IT60 X054 2811 1010 0000 0123 456')).toEqual(['iban']);
  });

  it('reads nothing inside a mistyped IBAN', () => {
    expect(kinds('NL91 ABNA 0417 1643 01')).toEqual([]);
  });

  it('returns nothing for text without personal data', () => {
    expect(scanPii('Released 2024-01-15 as v1.2.3, build 10.0.19041.1, order 1234567890.')).toEqual([]);
  });
});
