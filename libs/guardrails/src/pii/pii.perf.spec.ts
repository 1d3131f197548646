import { describe, expect, it } from 'vitest';
import { PII_KINDS, scanPii } from './index';
import {
  ADVERSARIAL_SIZE,
  BUDGET_MS_PER_KIB,
  TIMING_RETRIES,
  jumble,
  repeatTo,
} from '../adversarial-input.fixture';
import { TOOL_OUTPUTS } from './tool-output.fixture';

const SIZE = ADVERSARIAL_SIZE;
const repeat = (unit: string): string => repeatTo(unit);

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

/** CPU time (not wall time, which a loaded machine inflates) of one run, in ms. */
function cpuMs(run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** The best of five runs, in ms per KiB. */
function msPerKib(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 5; i += 1) best = Math.min(best, cpuMs(run));
  return best / (SIZE / 1024);
}

/** Best times of `a` and `b` over seven turns each, interleaved so a busy spell slows both alike. */
function bestInTurns(a: () => void, b: () => void): [number, number] {
  let bestA = Infinity;
  let bestB = Infinity;
  for (let i = 0; i < 7; i += 1) {
    bestA = Math.min(bestA, cpuMs(a));
    bestB = Math.min(bestB, cpuMs(b));
  }
  return [bestA, bestB];
}

describe('PII scanning time is linear on adversarial input', TIMING_RETRIES, () => {
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

/** 16 × 64 KiB: the whole is scanned at once, then the same text as 16 separate pieces. */
const PIECES = 16;

/**
 * Tool outputs, and inputs where a rule walks around many `@`, `:` or digits. Text dense with findings is
 * left out: its many spans cost the garbage collector a little more on large inputs, in any design.
 */
const LINEAR_CASES: ReadonlyArray<[string, string]> = [
  ...Object.entries(TOOL_OUTPUTS),
  ['@…', '@'],
  ['a@a.…', 'a@a.'],
  ['a:…', 'a:'],
  ['hex runs with colons', `${'f'.repeat(60)}:`],
  ['digits with spaces', '1 2 3 4 '],
  ['dots', '1.'],
];

describe('PII scanning cost grows linearly with the input', TIMING_RETRIES, () => {
  // A ratio, not a time: 1 MiB may cost up to 24× what 64 KiB does (16× the text, with room for noise).
  it.each(LINEAR_CASES)('1 MiB of %s costs at most 1.5× its 16 pieces of 64 KiB', (_name, unit) => {
    const whole = repeatTo(unit, PIECES * SIZE);
    const pieces = Array.from({ length: PIECES }, (_, i) => whole.slice(i * SIZE, (i + 1) * SIZE));
    const [once, piecewise] = bestInTurns(
      () => scanPii(whole),
      () => pieces.forEach((piece) => scanPii(piece)),
    );
    expect(once / Math.max(piecewise, 1)).toBeLessThanOrEqual(1.5);
  });
});
