import { describe, expect, it } from 'vitest';
import { estimateJsonBytes } from './json-size.estimator';

describe(estimateJsonBytes.name, () => {
  const samples = [
    { name: 'tool result', value: { content: [{ type: 'text', text: 'hello world' }], isError: false } },
    { name: 'nested value', value: { a: [1, 2, { b: null, c: 'xyz' }], d: { e: 12.5 } } },
    { name: 'long text', value: { content: [{ type: 'text', text: 'y'.repeat(100_000) }] } },
    { name: 'non-ASCII long text', value: { text: 'é'.repeat(10_000) } },
  ];

  it.each(samples)('is close to the serialized size of a $name', ({ value }) => {
    const exact = Buffer.byteLength(JSON.stringify(value));
    const estimate = estimateJsonBytes(value);
    expect(Math.abs(estimate - exact)).toBeLessThan(Math.max(32, exact * 0.05));
  });

  it('stops walking once past the limit', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({ text: `item ${i}` }));
    const estimate = estimateJsonBytes(items, 1_000);
    expect(estimate).toBeGreaterThan(1_000);
    expect(estimate).toBeLessThan(estimateJsonBytes(items));
  });
});
