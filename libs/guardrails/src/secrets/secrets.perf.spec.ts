import { describe, expect, it } from 'vitest';
import { SECRET_RULES, scanSecrets } from './secrets.scanner';
import {
  ADVERSARIAL_SIZE,
  BUDGET_MS_PER_KIB,
  TIMING_RETRIES,
  bestCpuMs,
  jumble,
  repeatTo,
} from '../adversarial-input.fixture';

const SIZE = ADVERSARIAL_SIZE;
const repeat = (unit: string): string => repeatTo(unit);

/** Inputs that make backtracking or rescanning regexes go quadratic. */
const ADVERSARIAL: Readonly<Record<string, string>> = {
  'a…': repeat('a'),
  '@…': repeat('@'),
  'aaaa:bbbb@…': repeat('aaaa:bbbb@'),
  'sk-…': repeat('sk-'),
  'digits with spaces': repeat('1 2 3 4 '),
  'eyJ-…': repeat('eyJ-'),
  'base64 run': repeat('AbC1+/'),
  'a://b:…': repeat('a://b:'),
  'BEGIN lines': repeat('-----BEGIN PRIVATE KEY-----'),
  'END lines': repeat('-----END PRIVATE KEY-----\n'),
  'password=…': repeat('password='),
  'a=a=…': repeat('a=a='),
  'key:key:…': repeat('key:'),
  'Authorization: …': repeat('Authorization: '),
  'Bearer …': repeat('Bearer '),
  '%41…': repeat('%41'),
  '\\"…': repeat('\\"'),
  backslashes: repeat('\\'),
  quotes: repeat('"password":"'),
  'AKIA…': repeat('AKIA'),
  'token words': repeat('token '),
  'jumble: PEM, AKIA, escapes': jumble(['-----BEGIN PRIVATE KEY-----', 'AKIA', '=', '{', '%2', '\\"'], 7),
  'jumble: escapes, phones, colons': jumble(['\\', '+1 ', '%2', '#', '::', '%2'], 7),
  'jumble: URLs and keys': jumble(['://', 'a', ':', '@', '/', 'password', '=', '"', ' ', 'key'], 11),
  'jumble: tokens and words': jumble(['sk-', 'ghp_', 'eyJ', 'Bearer ', 'token ', 'Ab1', '.', '-', '\n'], 13),
};

/** CPU time of the best of five runs, in ms per KiB. */
const msPerKib = (run: () => void): number => bestCpuMs(run) / (SIZE / 1024);

describe('secrets scanning time is linear on adversarial input', TIMING_RETRIES, () => {
  it.each(Object.entries(ADVERSARIAL))('scanSecrets on %s stays within budget', (_name, text) => {
    expect(msPerKib(() => scanSecrets(text))).toBeLessThanOrEqual(BUDGET_MS_PER_KIB);
  });

  it.each(SECRET_RULES.map((rule) => [rule.id, rule] as const))(
    'rule %s stays within budget on every input',
    (_id, rule) => {
      const worst = Math.max(...Object.values(ADVERSARIAL).map((text) => msPerKib(() => rule.scan(text))));
      expect(worst).toBeLessThanOrEqual(BUDGET_MS_PER_KIB);
    },
  );
});
