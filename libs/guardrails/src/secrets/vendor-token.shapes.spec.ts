import { parseRegExpLiteral, type AST } from '@eslint-community/regexpp';
import { describe, expect, it } from 'vitest';
import { BASE62, fake } from './fake-secret.fixture';
import { vendorTokenRules } from './vendor-token.rules';
import { MIN_VENDOR_TOKEN, VENDOR_SHAPES } from './vendor-token.shapes';

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_.~-';
const isTokenCode = (code: number) => TOKEN_CHARS.includes(String.fromCharCode(code));

type Node = AST.Alternative['elements'][number] | AST.Alternative | AST.Pattern | AST.CharacterClassElement;

/** Fewest characters `node` can consume. */
function minWidth(node: Node): number {
  switch (node.type) {
    case 'Assertion':
      return 0;
    case 'Quantifier':
      return node.min * minWidth(node.element);
    case 'Alternative':
      return node.elements.reduce((sum, element) => sum + minWidth(element), 0);
    case 'Group':
    case 'CapturingGroup':
    case 'Pattern':
      return Math.min(...node.alternatives.map(minWidth));
    case 'Backreference':
      return 0;
    case 'Character':
    case 'CharacterClass':
    case 'CharacterClassRange':
    case 'CharacterSet':
    case 'ClassStringDisjunction':
    case 'ExpressionCharacterClass':
      return 1;
  }
}

/** Whether every character `node` can consume (or look at, for look-arounds) is a token character. */
function tokenOnly(node: Node): boolean {
  switch (node.type) {
    case 'Character':
      return isTokenCode(node.value);
    case 'CharacterClassRange':
      for (let code = node.min.value; code <= node.max.value; code += 1) if (!isTokenCode(code)) return false;
      return true;
    case 'CharacterClass':
      return !node.negate && node.elements.every((element) => tokenOnly(element));
    case 'CharacterSet':
      return (node.kind === 'digit' || node.kind === 'word') && !node.negate;
    case 'Assertion':
      // A negative look-around on token characters answers alike at a line break and at any other non-token one.
      return (node.kind === 'lookbehind' || node.kind === 'lookahead') && node.negate
        ? node.alternatives.every(tokenOnly)
        : false;
    case 'Quantifier':
      return tokenOnly(node.element);
    case 'Alternative':
      return node.elements.every(tokenOnly);
    case 'Group':
    case 'CapturingGroup':
    case 'Pattern':
      return node.alternatives.every(tokenOnly);
    case 'Backreference':
    case 'ClassStringDisjunction':
    case 'ExpressionCharacterClass':
      return false;
  }
}

describe('vendor shapes and the token runs they are searched in', () => {
  it.each(VENDOR_SHAPES.map((shape) => [shape.kind, shape.pattern] as const))(
    '%s: every match is a run of at least MIN_VENDOR_TOKEN token characters',
    (_kind, pattern) => {
      const { pattern: tree } = parseRegExpLiteral(pattern);
      expect(tokenOnly(tree)).toBe(true);
      expect(minWidth(tree)).toBeGreaterThanOrEqual(MIN_VENDOR_TOKEN);
    },
  );

  it('finds tokens at the edges of the text and of their runs, whether the runs are searched alone or not', () => {
    const token = 'ghp_' + fake(BASE62, 36);
    const scan = (text: string) => vendorTokenRules.flatMap((rule) => rule.scan(text));
    // Prose around: only the runs are searched. Runs everywhere: the whole text is.
    for (const filler of ['plain words here. ', `${fake(BASE62, 40, 3)} `]) {
      const around = filler.repeat(20);
      for (const text of [
        token,
        `${around}${token}`,
        `${token}, ${around}`,
        `${around}(${token})${around}`,
      ]) {
        const start = text.indexOf(token);
        expect(scan(text)).toEqual([expect.objectContaining({ start, end: start + token.length })]);
      }
    }
  });

  it('leaves a shape glued to other token characters alone, as a search of the whole text would', () => {
    const glued = `words x${'ghp_' + fake(BASE62, 36)} more words`;
    expect(vendorTokenRules.flatMap((rule) => rule.scan(glued))).toEqual([]);
  });
});
