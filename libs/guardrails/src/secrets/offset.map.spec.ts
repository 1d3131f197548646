import { describe, expect, it } from 'vitest';
import { OffsetMap } from './offset.map';

describe(OffsetMap.name, () => {
  it('maps offsets one to one until the first breakpoint', () => {
    const map = new OffsetMap();
    expect(map.toSource(0)).toBe(0);
    expect(map.toSource(42)).toBe(42);
  });

  it('shifts every offset from a breakpoint on, the latest breakpoint winning', () => {
    // `a\nb%20c` decoded to `a<LF>b c`: two characters shorter after the LF, four after the space.
    const map = new OffsetMap();
    map.shiftFrom(2, 1);
    map.shiftFrom(4, 3);
    expect([0, 1, 2, 3, 4, 5].map((at) => map.toSource(at))).toEqual([0, 1, 3, 4, 7, 8]);
  });

  it('replaces the shift of a breakpoint added twice', () => {
    const map = new OffsetMap();
    map.shiftFrom(3, 1);
    map.shiftFrom(3, 5);
    expect(map.toSource(3)).toBe(8);
  });
});
