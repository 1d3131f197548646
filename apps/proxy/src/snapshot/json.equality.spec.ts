import { describe, expect, it } from 'vitest';
import { sameJson } from './json.equality';

describe(sameJson.name, () => {
  it.each([
    [1, 1, true],
    ['a', 'b', false],
    [null, null, true],
    [null, {}, false],
    [{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [{ a: undefined }, { b: undefined }, false],
    [[1, 2], [2, 1], false],
    [[], {}, false],
    [{}, [], false],
    [{ a: [1] }, { a: [1, 2] }, false],
  ])('compares %j and %j: %s', (a, b, expected) => {
    expect(sameJson(a, b)).toBe(expected);
  });
});
