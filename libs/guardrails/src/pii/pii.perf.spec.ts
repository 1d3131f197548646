import { describe, expect, it } from 'vitest';
import { PII_KINDS, scanPii } from './index';
import { ADVERSARIAL_SIZE, BUDGET_MS_PER_KIB, jumble, repeatTo } from '../adversarial-input.fixture';

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
