import { describe, expect, it } from 'vitest';
import { PII_KINDS } from '../src/pii';
import { DEFAULT_EVAL_SEED, runPiiEval, runSecretsEval, survivingFragment } from './secrets-pii.eval';

describe('secrets eval', () => {
  const report = runSecretsEval();

  it('covers every shape in every encoding', () => {
    expect(report.shapes).toBeGreaterThanOrEqual(25);
    for (const encoding of [
      'raw',
      'json',
      'nested-json',
      'url-encoded',
      'header',
      'split-joined',
      'split-blocks',
    ]) {
      expect(report.byEncoding[encoding]?.samples).toBe(report.cases);
    }
  });

  it('leaves no 8-character fragment of any secret after redaction', () => {
    expect(report.leaks).toEqual([]);
  });

  it('modifies at most 2% of the negatives', () => {
    expect(report.negatives.samples).toBeGreaterThanOrEqual(100);
    expect(report.negatives.share).toBeLessThanOrEqual(0.02);
  });

  it('leaves no fragment of a secret split between two content blocks, and invents none across them', () => {
    expect(report.byEncoding['split-blocks']).toEqual({ samples: report.cases, leaked: 0 });
    expect(report.negativesAcrossBlocks.share).toBeLessThanOrEqual(0.02);
  });

  it('still redacts the first chunk of a split secret (the second needs the caller to carry a tail)', () => {
    expect(report.splitSeparate.leakedFirstChunk / report.splitSeparate.samples).toBeLessThanOrEqual(0.05);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(runSecretsEval(DEFAULT_EVAL_SEED)).toEqual(report);
    expect(runSecretsEval('another-seed').leaks).toEqual([]);
  });

  it('detects a surviving fragment', () => {
    expect(survivingFragment('x ABCDEFGH y', ['zzABCDEFGHzz'])).toBe('ABCDEFGH');
    expect(survivingFragment('x [REDACTED] y', ['zzABCDEFGHzz'])).toBeUndefined();
  });
});

describe('PII eval', () => {
  const report = runPiiEval();

  it.each(PII_KINDS.map((kind) => [kind]))('%s: precision ≥ 0.98 and recall ≥ 0.95', (kind) => {
    const score = report.perKind[kind];
    expect(score.gold).toBeGreaterThanOrEqual(25);
    expect(score.precision).toBeGreaterThanOrEqual(0.98);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('holds for another seed too', () => {
    const other = runPiiEval('another-seed');
    for (const kind of PII_KINDS) {
      expect(other.perKind[kind].precision).toBeGreaterThanOrEqual(0.98);
      expect(other.perKind[kind].recall).toBeGreaterThanOrEqual(0.95);
    }
  });
});
