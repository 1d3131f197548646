import { describe, expect, it } from 'vitest';
import { maxMatchWidth } from './match-width';
import { confirmingLiterals, requiredLiterals, type RequiredLiteral } from './required-literals';

const texts = (literals: RequiredLiteral[] | null): string[] | null =>
  literals === null ? null : literals.map((literal) => literal.text).sort();

describe('requiredLiterals', () => {
  it.each([
    ['an alternation of words', /\b(?:ignore|disregard) all/gi, ['disregard all', 'ignore all']],
    ['optional parts multiply out', /you (?:must )?obey/gi, ['you must obey', 'you obey']],
    ['a quantified group keeps its requirement', /(?:secret){1,3}x/gi, ['secretx']],
    ['whitespace reads as a space', /system\sprompt/gi, ['system prompt']],
    ['case is folded', /IGNORE/g, ['ignore']],
  ])('%s', (_name, pattern, expected) => {
    expect(texts(requiredLiterals(pattern))).toEqual(expected);
  });

  it('has no requirement when a branch can match without a literal', () => {
    expect(requiredLiterals(/ignore|\d{4}/gi)).toBeNull();
    expect(texts(requiredLiterals(/(?:abc)?def?/gi))).toEqual(['de']);
    expect(requiredLiterals(/[a-z]{5,}/gi)).toBeNull();
  });

  it('rates literals by rarity: common words count little, word edges count', () => {
    expect(requiredLiterals(/to the/gi, 3)).toBeNull();
    expect(requiredLiterals(/ai|llm/gi, 3)).toBeNull();
    expect(texts(requiredLiterals(/\b(?:ai|llm)\b/gi, 3))).toEqual(['ai', 'llm']);
    expect(texts(requiredLiterals(/\b(?:to|into)\s[a-z]{0,9}\swebhook/gi))).toEqual([' webhook']);
  });

  it('marks word edges from \\b, anchors and negative look-behinds over word characters', () => {
    expect(requiredLiterals(/\bsecretly\b/gi)).toEqual([
      { text: 'secretly', wordEdgeBefore: true, wordEdgeAfter: true },
    ]);
    expect(requiredLiterals(/(?<![\w.-])token/gi)).toEqual([
      { text: 'token', wordEdgeBefore: true, wordEdgeAfter: false },
    ]);
    expect(requiredLiterals(/(?<=x)token/gi)).toEqual([
      { text: 'token', wordEdgeBefore: false, wordEdgeAfter: false },
    ]);
  });

  it('stops lengthening literals once they are selective, and drops those a shorter one implies', () => {
    expect(texts(requiredLiterals(/ignore(?: all)? previous/gi))).toEqual(['ignore']);
    expect(texts(requiredLiterals(/do(?: not)? obey/gi))).toEqual(['do not obey', 'do obey']);
    expect(texts(requiredLiterals(/(?:ignore|ignore all)[^x]/gi))).toEqual(['ignore']);
  });
});

describe('confirmingLiterals', () => {
  it('takes a second requirement from another stretch of the match than the first', () => {
    const pattern = /\b(?:user|owner)\s(?:has|had)\s(?:[a-z]{1,9}\s)?(?:agreed|approved)\b/gi;
    expect(texts(requiredLiterals(pattern))).toEqual(['agreed', 'approved']);
    expect(texts(confirmingLiterals(pattern))).toEqual([
      'owner had ',
      'owner has ',
      'user had ',
      'user has ',
    ]);
  });

  it('joins the branches of an alternation, and has none when some branch lacks a second one', () => {
    const pattern = /\bsecretly obey\b[^.]{0,9}\bnow\b|quietly [^.]{0,5} comply/gi;
    expect(texts(requiredLiterals(pattern))).toEqual(['quietly ', 'secretly obey']);
    expect(texts(confirmingLiterals(pattern))).toEqual([' comply', 'now']);
    expect(confirmingLiterals(/\bsecretly obey\b[^.]{0,9}\bnow\b|quietly/gi)).toBeNull();
    expect(confirmingLiterals(/\bignore\b/gi)).toBeNull();
  });
});

describe('maxMatchWidth', () => {
  it.each([
    [/abc/g, 3],
    [/a{2,5}/g, 5],
    [/(?:ab|cdef)?x/g, 5],
    [/\b[^.]{0,40}\b/g, 80],
    [/a+/g, Infinity],
  ])('%s', (pattern, width) => {
    expect(maxMatchWidth(pattern)).toBe(width);
  });
});
