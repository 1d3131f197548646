// Table-driven: patterns that must be refused (with the reason) and common safe ones that must pass.
import { describe, expect, it } from 'vitest';
import { findCatastrophicBacktracking } from './regex-backtracking.check';

const DANGEROUS: Array<[pattern: string, reason: RegExp]> = [
  ['(a+)+', /nested quantifiers/],
  ['(a+)+$', /nested quantifiers/],
  ['^(a*)*$', /empty string/],
  ['(a|a)*', /same character/],
  ['(.*)*', /empty string/],
  ['(\\w+\\s?)*', /nested quantifiers/],
  ['^(\\w+\\s?)*$', /nested quantifiers/],
  ['(a?)+', /empty string/],
  ['(\\d+)*x', /nested quantifiers/],
  ['(?:[a-z]+)*', /nested quantifiers/],
  ['(a+){2,}', /nested quantifiers/],
  ['(a{1,5})*b', /nested quantifiers/],
  ['(a{1,5})+b', /nested quantifiers/],
  ['(x+x+)+y', /nested quantifiers/],
  ['(\\w|\\d)+', /same character/],
  ['((a|aa))+', /same character/],
  ['((ab)*)+', /empty string/],
  ['(.*a){10,}', /nested quantifiers/],
  ['(a|aa)+$', /same character/],
  ['(?<word>\\w+)+', /nested quantifiers/],
  ['x((a+)+)y', /nested quantifiers/],
  ['(\\1a|b)+', /same character|nested/],
  ['([^.]+\\.?)+', /nested quantifiers/],
  // Harmless (the `c` pins each repetition) but refused: the check is conservative by design.
  ['((ab|a)c)+', /same character/],
];

const SAFE = [
  '\\b\\d{3}-\\d{2}-\\d{4}\\b',
  '(?:\\d{1,3}\\.){3}\\d{1,3}',
  '[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\\.)+[A-Za-z]{2,}',
  'sk-[A-Za-z0-9]{20,}',
  '(foo|bar)+',
  '^(\\w+\\s)+$',
  '(?:ab)+',
  'AKIA[0-9A-Z]{16}',
  '-----BEGIN (?:RSA )?PRIVATE KEY-----',
  '([^.]+\\.)+',
  '([0-9a-f]{2}:){5}[0-9a-f]{2}',
  '(?:\\w+\\W)+',
  'ignore (all )?(previous|prior) instructions',
  '\\p{Lu}+\\u{1F600}[\\u0041-\\u005A]',
  '((ab|cd)e)+',
  '(?:\\s*,\\s*\\w+)*',
];

describe('findCatastrophicBacktracking', () => {
  it.each(DANGEROUS)('rejects %s', (pattern, reason) => {
    expect(() => new RegExp(pattern, 'u')).not.toThrow();
    expect(findCatastrophicBacktracking(pattern)).toMatch(reason);
  });

  it.each(SAFE)('accepts %s', (pattern) => {
    expect(() => new RegExp(pattern, 'u')).not.toThrow();
    expect(findCatastrophicBacktracking(pattern)).toBeNull();
  });
});
