import { parseRegExpLiteral, type AST } from '@eslint-community/regexpp';

type Measured = AST.Alternative['elements'][number] | AST.Alternative | AST.Pattern;

/** Code units one element can span at most (a class or set may match a surrogate pair). */
function widthOf(node: Measured): number {
  switch (node.type) {
    case 'Character':
      return node.value > 0xffff ? 2 : 1;
    case 'CharacterClass':
    case 'CharacterSet':
    case 'ExpressionCharacterClass':
      return 2;
    case 'Assertion':
      return 0;
    case 'Quantifier':
      return node.max === Infinity ? Infinity : node.max * widthOf(node.element);
    case 'Alternative':
      return node.elements.reduce((sum, element) => sum + widthOf(element), 0);
    case 'Group':
    case 'CapturingGroup':
    case 'Pattern':
      return Math.max(0, ...node.alternatives.map(widthOf));
    case 'Backreference':
      return Infinity;
  }
}

/** The longest match `pattern` can produce, in UTF-16 code units; Infinity when unbounded. */
export function maxMatchWidth(pattern: RegExp): number {
  return widthOf(parseRegExpLiteral(pattern).pattern);
}
