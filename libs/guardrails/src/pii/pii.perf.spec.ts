import { describe, expect, it } from 'vitest';
import { PII_KINDS, scanPii } from './index';

const SIZE = 64 * 1024;
/** Generous for a busy 2-core CI machine; measured runs are 5–50x below it. */
const BUDGET_MS_PER_KIB = 1;

const repeat = (unit: string): string => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

/** A deterministic jumble of `pieces` (xorshift32), for inputs no hand-written repetition covers. */
function jumble(pieces: readonly string[], seed: number): string {
  let state = seed;
  let out = '';
  while (out.length < SIZE) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out += pieces[(state >>> 0) % pieces.length];
  }
  return out.slice(0, SIZE);
}

/** Inputs that make backtracking or rescanning matchers go quadratic. */
const ADVERSARIAL: Readonly<Record<string, string>> = {
  'a…': repeat('a'),
  '@…': repeat('@'),
  'aaaa:bbbb@…': repeat('aaaa:bbbb@'),
  'a@a.…': repeat('a@a.'),
  'digits with spaces': repeat('1 2 3 4 '),
  'digit groups': repeat('12 345 '),
  digits: repeat('7'),
  dashes: repeat('1-'),
  dots: repeat('1.'),
  '+1 …': repeat('+1 '),
  '(1) …': repeat('(1) '),
  '1.1.1.1.…': repeat('1.1.1.1.'),
  '::…': repeat('::'),
  'a:…': repeat('a:'),
  'IBAN-like': repeat('DE89 '),
  'IBAN body': repeat('DE89' + '3'.repeat(40)),
  '%41…': repeat('%41'),
  'jumble: escapes, phones, colons': jumble(['\\', '+1 ', '%2', '#', '::', '%2'], 7),
  'jumble: digits and separators': jumble(['1', '0', ' ', '-', '.', '(', ')', '+', '/', ':'], 11),
  'jumble: mail and hex': jumble(['a', '@', '.', 'f', ':', '-', 'com', ' '], 13),
};

/**
 * CPU time (not wall time, which a loaded machine inflates) of the best of five runs, in ms per KiB.
 */
function msPerKib(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 5; i += 1) {
    const started = process.cpuUsage();
    run();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best / (SIZE / 1024);
}

describe('PII scanning time is linear on adversarial input', () => {
  it.each(Object.entries(ADVERSARIAL))('scanPii on %s stays within budget', (_name, text) => {
    expect(msPerKib(() => scanPii(text))).toBeLessThanOrEqual(BUDGET_MS_PER_KIB);
  });

  it.each(PII_KINDS.map((kind) => [kind]))('%s alone stays within budget on every input', (kind) => {
    const worst = Math.max(
      ...Object.values(ADVERSARIAL).map((text) => msPerKib(() => scanPii(text, [kind]))),
    );
    expect(worst).toBeLessThanOrEqual(BUDGET_MS_PER_KIB);
  });
});
