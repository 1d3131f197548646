import { describe, expect, it } from 'vitest';
import { mapBounded } from './bounded.runner';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe(mapBounded.name, () => {
  it('never runs more than the limit at once and keeps the order of the items', async () => {
    let running = 0;
    let peak = 0;
    const gates = Array.from({ length: 10 }, deferred);
    const mapping = mapBounded(gates, 3, async (gate, index) => {
      running += 1;
      peak = Math.max(peak, running);
      await gate.promise;
      running -= 1;
      return index * 10;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(running).toBe(3);
    // Release in reverse so finishing order differs from the items' order.
    for (const gate of [...gates].reverse()) gate.resolve();
    await expect(mapping).resolves.toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(peak).toBe(3);
  });

  it('handles fewer items than the limit, and none', async () => {
    await expect(mapBounded([1, 2], 16, (n) => Promise.resolve(n + 1))).resolves.toEqual([2, 3]);
    await expect(mapBounded([], 4, (n: number) => Promise.resolve(n))).resolves.toEqual([]);
  });
});
