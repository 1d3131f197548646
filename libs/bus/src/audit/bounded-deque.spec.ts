import { describe, expect, it } from 'vitest';
import { BoundedDeque } from './bounded-deque';

describe(BoundedDeque.name, () => {
  it('is first-in first-out across the end of its ring', () => {
    const deque = new BoundedDeque<number>(3);
    expect(deque.push(1) && deque.push(2) && deque.push(3)).toBe(true);
    expect(deque.push(4)).toBe(false);
    expect(deque.shift()).toBe(1);
    expect(deque.push(4)).toBe(true);
    expect(deque.take(2)).toEqual([2, 3]);
    expect(deque.push(5)).toBe(true);
    expect(deque.length).toBe(2);
    expect(deque.take(10)).toEqual([4, 5]);
    expect(deque.shift()).toBeUndefined();
    expect(deque.length).toBe(0);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new BoundedDeque(0)).toThrow(RangeError);
    expect(() => new BoundedDeque(1.5)).toThrow(RangeError);
  });
});
