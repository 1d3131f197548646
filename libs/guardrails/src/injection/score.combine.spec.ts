import { describe, expect, it } from 'vitest';
import { combineSignals, WEAK_CAP } from './score.combine';

describe('combineSignals', () => {
  it('is 0 without signals and equals a single signal weight', () => {
    expect(combineSignals([])).toBe(0);
    expect(combineSignals([{ kind: 'a', weight: 0.7 }])).toBeCloseTo(0.7);
  });

  it('combines distinct kinds as a noisy-OR', () => {
    expect(
      combineSignals([
        { kind: 'a', weight: 0.5 },
        { kind: 'b', weight: 0.5 },
      ]),
    ).toBeCloseTo(0.75);
  });

  it('counts only the strongest occurrence of a kind', () => {
    const repeated = Array.from({ length: 50 }, () => ({ kind: 'a', weight: 0.45 }));
    expect(combineSignals([...repeated, { kind: 'a', weight: 0.4 }])).toBeCloseTo(0.45);
  });

  it('caps weak evidence so that it cannot flag on its own', () => {
    const weak = ['a', 'b', 'c', 'd', 'e', 'f'].map((kind) => ({ kind, weight: 0.3 }));
    expect(combineSignals(weak)).toBeCloseTo(WEAK_CAP);
    expect(combineSignals([...weak, { kind: 'strong', weight: 0.4 }])).toBeCloseTo(1 - 0.6 * (1 - WEAK_CAP));
  });

  it('stays within 0–1', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ kind: `k${i}`, weight: 0.99 }));
    expect(combineSignals(many)).toBeLessThanOrEqual(1);
  });
});
