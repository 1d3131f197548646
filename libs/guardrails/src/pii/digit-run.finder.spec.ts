import { describe, expect, it } from 'vitest';
import { digitRunStarts } from './digit-run.finder';

describe(digitRunStarts.name, () => {
  it.each([
    ['a card', 'card 4111 1111 1111 1111', 5],
    ['a contiguous card', 'card 4111111111111111', 5],
    ['an SSN', 'SSN 536-22-1234', 4],
    ['an IPv4 address', 'host 10.0.0.1', 5],
    ['an international phone', 'call +44 20 7946 0958', 6],
    ['a national phone', 'call 020 7946 0958', 5],
    ['a NANP phone', 'call (415) 555-0132', 6],
    ['a NANP phone led by 1', 'call 1-800-555-0199', 5],
  ])('starts at %s', (_name, text, at) => {
    expect(digitRunStarts(text)[0]).toBe(at);
  });

  it.each([
    '2024-01-15T10:30:00.000Z',
    '"price": 1234.56, "ratio": 0.123456789',
    '| 17 | 7919 | 1047.29 | 31 17 13 |',
    'v1.2.3 and 1.2.3',
    'pid=4021 200 1532 41ms',
    '1 2 3 4 5 6 7 8 9',
  ])('skips the numbers in %s', (text) => {
    expect(digitRunStarts(text)).toEqual([]);
  });
});
