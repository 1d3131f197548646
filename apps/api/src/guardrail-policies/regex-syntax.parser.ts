import {
  ANY_CHAR,
  literalSet,
  namedClassSet,
  negateSet,
  rangeSet,
  unionSets,
  NO_CHAR,
  type CharSet,
  type NamedClass,
} from './regex-char-set';

/** One character-consuming element (a literal, a class, `.`, a back-reference) with its repetition. */
export interface RegexAtom {
  kind: 'atom';
  set: CharSet;
  min: number;
  max: number;
  source: string;
}

/** A group (capturing, non-capturing or lookaround) with its alternatives and repetition. */
export interface RegexGroup {
  kind: 'group';
  alternatives: RegexNode[][];
  lookaround: boolean;
  min: number;
  max: number;
  source: string;
}

export type RegexNode = RegexAtom | RegexGroup;

/** A pattern this reader does not understand (it only reads patterns that compile with the `u` flag). */
export class RegexStructureError extends Error {}

type Escape = { set: CharSet; char?: string } | 'assertion' | 'backreference';

const CONTROL_ESCAPES: Record<string, string> = { t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', '0': '\0' };
const CLASS_ESCAPES: Record<string, [NamedClass, boolean]> = {
  d: ['d', false],
  D: ['d', true],
  w: ['w', false],
  W: ['w', true],
  s: ['s', false],
  S: ['s', true],
};

/**
 * Reads the structure of a regular expression (as compiled with the `u` flag) into alternatives of
 * atoms and groups, enough to reason about repetition. Assertions (`^`, `$`, `\b`) are dropped.
 */
export function parseRegexStructure(pattern: string): RegexNode[][] {
  const reader = new RegexReader(pattern);
  return reader.read();
}

class RegexReader {
  private pos = 0;

  constructor(private readonly src: string) {}

  read(): RegexNode[][] {
    const alternatives = this.alternatives();
    if (this.pos < this.src.length) throw new RegexStructureError(`Unexpected "${this.src[this.pos]}".`);
    return alternatives;
  }

  private alternatives(): RegexNode[][] {
    const alternatives: RegexNode[][] = [[]];
    while (this.pos < this.src.length && this.src[this.pos] !== ')') {
      if (this.src[this.pos] === '|') {
        this.pos++;
        alternatives.push([]);
        continue;
      }
      const start = this.pos;
      const node = this.term();
      if (!node) continue;
      this.quantifier(node);
      node.source = this.src.slice(start, this.pos);
      alternatives[alternatives.length - 1]?.push(node);
    }
    return alternatives;
  }

  private term(): RegexNode | null {
    const char = this.src[this.pos];
    if (char === '^' || char === '$') {
      this.pos++;
      return null;
    }
    if (char === '(') return this.group();
    if (char === '[') return atom(this.bracketClass());
    if (char === '.') {
      this.pos++;
      return atom(ANY_CHAR);
    }
    if (char === '\\') return this.escapedTerm();
    return atom(literalSet(this.nextCodePoint()));
  }

  private escapedTerm(): RegexNode | null {
    const escape = this.escape(false);
    if (escape === 'assertion') return null;
    // A back-reference matches text of any length: model it as `.*`.
    if (escape === 'backreference') return { ...atom(ANY_CHAR), min: 0, max: Infinity };
    return atom(escape.set);
  }

  private group(): RegexGroup {
    this.pos++;
    let lookaround = false;
    if (this.src.startsWith('?', this.pos)) {
      const head = /^\?(?:<?[=!]|<[^>]+>|[a-z]*(?:-[a-z]*)?:)/.exec(this.src.slice(this.pos))?.[0];
      if (!head) throw new RegexStructureError('Unknown group syntax.');
      lookaround = /^\?<?[=!]$/.test(head);
      this.pos += head.length;
    }
    const alternatives = this.alternatives();
    this.expect(')');
    return { kind: 'group', alternatives, lookaround, min: 1, max: 1, source: '' };
  }

  private quantifier(node: RegexNode): void {
    const bounds = this.readQuantifier();
    if (!bounds) return;
    if (this.src[this.pos] === '?') this.pos++;
    node.min *= bounds.min;
    node.max = bounds.max === 0 || node.max === 0 ? 0 : node.max * bounds.max;
  }

  private readQuantifier(): { min: number; max: number } | null {
    const char = this.src[this.pos];
    const simple = char === '*' ? [0, Infinity] : char === '+' ? [1, Infinity] : char === '?' ? [0, 1] : null;
    if (simple) {
      this.pos++;
      return { min: simple[0] ?? 0, max: simple[1] ?? 0 };
    }
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
    if (char !== '{' || !braces) return null;
    this.pos += braces[0].length;
    const min = Number(braces[1]);
    const max = braces[2] === undefined ? min : braces[3] ? Number(braces[3]) : Infinity;
    return { min, max };
  }

  private bracketClass(): CharSet {
    this.pos++;
    const negated = this.src[this.pos] === '^';
    if (negated) this.pos++;
    let set = NO_CHAR;
    while (this.src[this.pos] !== ']') {
      if (this.pos >= this.src.length) throw new RegexStructureError('Unterminated character class.');
      set = unionSets(set, this.classRange());
    }
    this.pos++;
    return negated ? negateSet(set) : set;
  }

  private classRange(): CharSet {
    const first = this.classAtom();
    if (this.src[this.pos] !== '-' || this.src[this.pos + 1] === ']' || first.char === undefined)
      return first.set;
    this.pos++;
    const last = this.classAtom();
    if (last.char === undefined) throw new RegexStructureError('Invalid range in a character class.');
    return rangeSet(first.char, last.char);
  }

  private classAtom(): { set: CharSet; char?: string } {
    if (this.src[this.pos] !== '\\') {
      const char = this.nextCodePoint();
      return { set: literalSet(char), char };
    }
    const escape = this.escape(true);
    if (typeof escape === 'string') throw new RegexStructureError('Unexpected escape in a character class.');
    return escape;
  }

  /** Reads `\…`; inside a class `\b` is a backspace and there are no back-references. */
  private escape(inClass: boolean): Escape {
    this.pos++;
    const char = this.src[this.pos] ?? '';
    const named = CLASS_ESCAPES[char];
    if (named) {
      this.pos++;
      // A negated shorthand inside a class makes the class hard to reason about: "any character".
      return { set: inClass && named[1] ? ANY_CHAR : namedClassSet(named[0], named[1]) };
    }
    if (!inClass && (char === 'b' || char === 'B')) return this.skip(1, 'assertion');
    if (!inClass && /[1-9]/.test(char))
      return this.skip(/^\d+/.exec(this.src.slice(this.pos))?.[0].length ?? 1, 'backreference');
    if (!inClass && char === 'k')
      return this.skip(this.src.indexOf('>', this.pos) + 1 - this.pos, 'backreference');
    if (char === 'p' || char === 'P')
      return this.skip(this.src.indexOf('}', this.pos) + 1 - this.pos, { set: ANY_CHAR });
    return this.characterEscape(char);
  }

  private characterEscape(char: string): { set: CharSet; char: string } {
    const rest = this.src.slice(this.pos);
    const code =
      /^u\{([0-9a-fA-F]+)\}/.exec(rest) ??
      /^u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(rest) ??
      /^u([0-9a-fA-F]{4})/.exec(rest) ??
      /^x([0-9a-fA-F]{2})/.exec(rest);
    let value: string;
    if (code) {
      const units = code
        .slice(1)
        .filter(Boolean)
        .map((hex) => parseInt(hex ?? '0', 16));
      value = code[0].startsWith('u{') ? String.fromCodePoint(units[0] ?? 0) : String.fromCharCode(...units);
      this.pos += code[0].length;
    } else if (char === 'c' && /^c[A-Za-z]/.test(rest)) {
      value = String.fromCharCode(rest.charCodeAt(1) % 32);
      this.pos += 2;
    } else {
      value = CONTROL_ESCAPES[char] ?? (char === 'b' ? '\b' : this.src.slice(this.pos, this.pos + 1));
      this.pos += 1;
    }
    return { set: literalSet(value), char: value };
  }

  private skip<T>(length: number, value: T): T {
    if (length <= 0) throw new RegexStructureError('Unterminated escape.');
    this.pos += length;
    return value;
  }

  private nextCodePoint(): string {
    const char = String.fromCodePoint(this.src.codePointAt(this.pos) ?? 0);
    this.pos += char.length;
    return char;
  }

  private expect(char: string): void {
    if (this.src[this.pos] !== char) throw new RegexStructureError(`Expected "${char}".`);
    this.pos++;
  }
}

function atom(set: CharSet): RegexAtom {
  return { kind: 'atom', set, min: 1, max: 1, source: '' };
}
