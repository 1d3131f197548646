import { describe, expect, it } from 'vitest';
import { ADVERSARIAL_SIZE, BUDGET_MS_PER_KIB, TIMING_RETRIES, bestCpuMs } from '../adversarial-input.fixture';
import { BASE62, UPPER_DIGITS, fake } from './fake-secret.fixture';
import { scanSecretsAcross, type ChunkSpan } from './secrets-across.scanner';

const GH = 'ghp_' + fake(BASE62, 36);
const AWS = 'AKIA' + fake(UPPER_DIGITS, 16);

/** Each chunk with its reported parts replaced, then joined as a reader would. */
function redactedJoin(chunks: readonly string[], spans: readonly ChunkSpan[]): string {
  return chunks
    .map((chunk, index) => {
      let out = chunk;
      for (const span of spans.filter((s) => s.chunk === index).sort((a, b) => b.start - a.start))
        out = out.slice(0, span.start) + '[REDACTED]' + out.slice(span.end);
      return out;
    })
    .join('');
}

describe('scanSecretsAcross', () => {
  it('finds nothing without a boundary, or when no secret crosses one', () => {
    expect(scanSecretsAcross([`token ${GH}`])).toEqual([]);
    expect(scanSecretsAcross(['The quick brown fox ', 'jumps over the lazy dog.'])).toEqual([]);
  });

  it.each([
    ['an AWS key id', AWS, 8],
    ['a GitHub token', GH, 17],
    ['a JWT-shaped bearer token', `Bearer ${fake(BASE62, 20)}.${fake(BASE62, 30, 2)}`, 20],
  ])('reports %s split between two chunks as one part in each', (_name, secret, cut) => {
    const chunks = [`output follows: ${secret.slice(0, cut)}`, `${secret.slice(cut)} (exit 0)`];
    const spans = scanSecretsAcross(chunks);
    expect(spans.map((s) => s.chunk).sort()).toEqual([0, 1]);
    expect(spans.find((s) => s.chunk === 1)?.start).toBe(0);
    expect(spans.find((s) => s.chunk === 0)?.end).toBe(chunks[0]?.length);
    expect(redactedJoin(chunks, spans)).not.toContain(secret.slice(cut - 4, cut + 4));
  });

  it('finds a value whose key ends the previous chunk', () => {
    const password = fake(BASE62, 18, 3);
    const chunks = ['config loaded: DB_PASSWORD=', `${password} and more`];
    expect(redactedJoin(chunks, scanSecretsAcross(chunks))).not.toContain(password);
  });

  it('follows a secret over a short chunk in the middle', () => {
    const chunks = [`key ${GH.slice(0, 10)}`, GH.slice(10, 14), `${GH.slice(14)} done`];
    const spans = scanSecretsAcross(chunks);
    expect(spans.map((s) => s.chunk).sort()).toEqual([0, 1, 2]);
    expect(redactedJoin(chunks, spans)).not.toMatch(/[A-Za-z0-9]{8}\[|\][A-Za-z0-9]{8}/);
  });

  it('leaves secrets inside one chunk, away from its edges, to the scan of that chunk', () => {
    const words = 'and some words after it '.repeat(8);
    expect(scanSecretsAcross([`first ${GH} ${words}`, ` second ${words}`, `${words} last ${AWS}`])).toEqual(
      [],
    );
  });

  it('reports a secret near a boundary whose extent depends on the other side', () => {
    const url = encodeURIComponent('redis://:pw@' + fake(BASE62, 12, 9) + '@cache.example:6379/0');
    const cut = url.indexOf('%40cache') + 2;
    const chunks = [`load=${url.slice(0, cut)}`, url.slice(cut)];
    expect(redactedJoin(chunks, scanSecretsAcross(chunks))).not.toContain(fake(BASE62, 12, 9).slice(0, 8));
  });

  it('skips empty chunks when joining', () => {
    const chunks = [`id ${AWS.slice(0, 10)}`, '', AWS.slice(10)];
    expect(
      scanSecretsAcross(chunks)
        .map((s) => s.chunk)
        .sort(),
    ).toEqual([0, 2]);
  });

  it('costs time linear in the input, however many chunks', TIMING_RETRIES, () => {
    const chunks = Array.from({ length: ADVERSARIAL_SIZE / 32 }, (_, i) => `AKIA${i}`.padEnd(32, 'A1'));
    const ms = bestCpuMs(() => scanSecretsAcross(chunks));
    expect(ms / (ADVERSARIAL_SIZE / 1024)).toBeLessThanOrEqual(BUDGET_MS_PER_KIB);
  });
});
