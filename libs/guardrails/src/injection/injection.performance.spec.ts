import { describe, expect, it } from 'vitest';
import { TIMING_RETRIES } from '../adversarial-input.fixture';
import { scanInjection } from './injection.scanner';

const KIB = 1024;
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/**
 * Best of `runs` CPU times in ms. Process CPU time (not wall time) so that other processes on a busy CI machine
 * do not count; our own GC and JIT work does. Vitest's `forks` pool runs each spec file in its own process.
 */
function bestTime(text: string, runs = 5): number {
  scanInjection(text);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i += 1) {
    const before = process.cpuUsage();
    scanInjection(text);
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** The required adversarial inputs, plus stress cases for every detector's worst shape. */
const ADVERSARIAL: Array<[name: string, unit: string]> = [
  ["'<'", '<'],
  ["'ignore '", 'ignore '],
  ['base64 alphabet', BASE64_ALPHABET],
  ['zero-width characters', '\u200b'],
  ['ZWJ between letters', 'a\u200db'],
  ['tag characters', '\u{E0041}'],
  ['markdown image openers', '!['],
  ['URLs', 'http://'],
  ['HTML comment openers', '<!--'],
  ['double quotes', '"'],
  ['backticks', '`'],
  ['one letter', 'a'],
  ['curl', 'curl '],
  ['Cyrillic/Latin mix', '\u0430b'],
  ['many role tags', '<system>'],
  ['many override phrases', 'ignore previous instructions '],
  ['image with placeholder URL', '![a](https://e.x/?q={x}) '],
];

describe('performance on adversarial input', TIMING_RETRIES, () => {
  it.each(ADVERSARIAL)('64 KiB of %s: ≤ 1 ms per KiB', (_name, unit) => {
    const ms = bestTime(fill(unit, 64 * KIB));
    expect(ms / 64).toBeLessThanOrEqual(1);
  });

  // 64 → 256 KiB rather than 16 → 64 KiB, measured in turns: at the larger sizes fixed costs weigh less, and
  // both sizes meet the same heap (a stray GC pause on a busy CI machine hits both alike). Linear growth is ×4;
  // the bound leaves room for garbage collection of inputs that make one object per character, and still
  // fails anything quadratic (×16).
  it.each(ADVERSARIAL.slice(0, 6))(
    '%s scales linearly from 64 to 256 KiB (×4 input, < ×9 time)',
    (_name, unit) => {
      const [smallText, largeText] = [fill(unit, 64 * KIB), fill(unit, 256 * KIB)];
      let small = Number.POSITIVE_INFINITY;
      let large = Number.POSITIVE_INFINITY;
      for (let round = 0; round < 5; round += 1) {
        small = Math.min(small, bestTime(smallText, 1));
        large = Math.min(large, bestTime(largeText, 1));
      }
      expect(large / Math.max(small, 1)).toBeLessThan(9);
    },
  );
});
