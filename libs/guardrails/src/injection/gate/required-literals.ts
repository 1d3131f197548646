import { parseRegExpLiteral, type AST } from '@eslint-community/regexpp';
import { literalRarity } from './literal-rarity';

/** Largest literal set kept while multiplying out a sequence (`(?:a|b)(?:c|d)` → ac, ad, bc, bd). */
const MAX_EXACT_SET = 128;
/** Largest set of alternative requirements (one per branch of an alternation) a gate takes. */
const MAX_REQUIRED_SET = 1024;
/**
 * Stands for "no word character on this side" inside derived literals: `\b`, anchors and negative
 * look-arounds over word characters. Never part of a pattern the rules use.
 */
export const WORD_EDGE = '\u0001';

type Literals = Set<string>;
type Sequence = AST.Alternative['elements'][number];
type Branches = AST.Pattern | AST.Group | AST.CapturingGroup;

function cross(left: Literals, right: Literals): Literals | null {
  if (left.size * right.size > MAX_EXACT_SET) return null;
  const out = new Set<string>();
  for (const a of left) for (const b of right) out.add(a + b);
  return out;
}

function union(sets: ReadonlyArray<Literals | null>, limit = MAX_EXACT_SET): Literals | null {
  const out = new Set<string>();
  for (const set of sets) {
    if (set === null) return null;
    for (const value of set) out.add(value);
  }
  return out.size > limit ? null : out;
}

/** Does the assertion guarantee a non-word character (or the text's edge) right beside it? */
function marksWordEdge(node: AST.Assertion): boolean {
  if (node.kind === 'word') return !node.negate;
  if (node.kind !== 'lookahead' && node.kind !== 'lookbehind') return true; // ^ and $
  if (!node.negate) return false;
  return node.alternatives.every((branch) => {
    const only = branch.elements.length === 1 ? branch.elements[0] : undefined;
    return only?.type === 'CharacterClass' && !only.negate && only.elements.some(isWordSet);
  });
}

/** `\w` or a Unicode property class (`\p{L}`…) inside a character class. */
function isWordSet(item: AST.CharacterClassElement): boolean {
  return item.type === 'CharacterSet' && (item.kind === 'word' || item.kind === 'property') && !item.negate;
}

/** The shortest literal of a set: how selective a required set is (the longer, the rarer its hits). */
const shortestCache = new WeakMap<Literals, number>();

const rarityCache = new Map<string, number>();

function rarityOf(value: string): number {
  let rarity = rarityCache.get(value);
  if (rarity === undefined) {
    const text = value.replaceAll(WORD_EDGE, '');
    const edges = (value.startsWith(WORD_EDGE) ? 1 : 0) + (value.endsWith(WORD_EDGE) ? 1 : 0);
    rarity = literalRarity(text, text.length > 0 ? edges : 0);
    rarityCache.set(value, rarity);
  }
  return rarity;
}

/** The rarity (see `literalRarity`) of the set's most common literal. */
function shortest(set: Literals): number {
  const known = shortestCache.get(set);
  if (known !== undefined) return known;
  let min = Infinity;
  for (const value of set) min = Math.min(min, rarityOf(value));
  shortestCache.set(set, min);
  return min;
}

/** A set is usable as a requirement when every literal in it has some rare part. */
function usable(set: Literals | null): set is Literals {
  return set !== null && set.size > 0 && shortest(set) > 0;
}

/** Past this rarity a literal is selective enough; a smaller set then beats longer literals. */
const SELECTIVE_LENGTH = 6;

function better(a: Literals | null, b: Literals | null): Literals | null {
  if (!usable(a)) return usable(b) ? b : null;
  if (!usable(b)) return a;
  const byLength = Math.min(shortest(b), SELECTIVE_LENGTH) - Math.min(shortest(a), SELECTIVE_LENGTH);
  return byLength > 0 || (byLength === 0 && b.size < a.size) ? b : a;
}

function classLiterals(node: AST.CharacterClass): Literals | null {
  if (node.negate) return null;
  const out = new Set<string>();
  for (const element of node.elements) {
    if (element.type !== 'Character') return null;
    out.add(readAsSpace(String.fromCodePoint(element.value).toLowerCase()));
  }
  return out.size > 0 && out.size <= 8 ? out : null;
}

/** The gate matches a newline as a space (whitespace runs are normalized to either). */
function readAsSpace(char: string): string {
  return char === '\n' ? ' ' : char;
}

const exactCache = new WeakMap<object, Literals | null>();

/** Every string the element can match (lower-cased), when that is a small finite set; else null. */
function exactOf(node: Sequence | AST.Alternative | Branches): Literals | null {
  if (exactCache.has(node)) return exactCache.get(node) ?? null;
  const exact = computeExact(node);
  exactCache.set(node, exact);
  return exact;
}

function computeExact(node: Sequence | AST.Alternative | Branches): Literals | null {
  switch (node.type) {
    case 'Character':
      return new Set([readAsSpace(String.fromCodePoint(node.value).toLowerCase())]);
    case 'CharacterClass':
      return classLiterals(node);
    case 'Assertion':
      return new Set([marksWordEdge(node) ? WORD_EDGE : '']);
    case 'CharacterSet':
      // The rules run on normalized text, where every whitespace run is a single space or newline.
      return node.kind === 'space' && !node.negate ? new Set([' ']) : null;
    case 'Quantifier': {
      const inner = exactOf(node.element);
      if (inner === null || node.max > 3) return null;
      let out: Literals | null = new Set(['']);
      const options: Literals[] = [];
      for (let count = 0; count <= node.max && out !== null; count += 1) {
        if (count >= node.min) options.push(out);
        if (count < node.max) out = cross(out, inner);
      }
      return union(options);
    }
    case 'Alternative': {
      let out: Literals | null = new Set(['']);
      for (const element of node.elements) {
        const next = exactOf(element);
        out = out === null || next === null ? null : cross(out, next);
        if (out === null) return null;
      }
      return out;
    }
    case 'Group':
    case 'CapturingGroup':
    case 'Pattern':
      return union(node.alternatives.map(exactOf));
    case 'Backreference':
    case 'ExpressionCharacterClass':
      return null;
  }
}

/** A literal set every match contains one of, and the elements `[first, last]` of the sequence it comes from. */
interface Requirement {
  set: Literals;
  first: number;
  last: number;
}

/** Literal sets every match of the sequence contains one of, each with the stretch of the sequence it covers. */
function sequenceRequirements(node: AST.Alternative): Requirement[] {
  const found: Requirement[] = [];
  const keep = (set: Literals | null, first: number, last: number) => {
    if (usable(set) && last >= first) found.push({ set, first, last });
  };
  let run: Literals = new Set(['']);
  let runFrom = 0;
  let afterEdge = false;
  node.elements.forEach((element, index) => {
    const exact = exactOf(element);
    // A run that is selective already only grows (in variants, not in rarity) by going on.
    const saturated = usable(run) && shortest(run) >= SELECTIVE_LENGTH && exact !== null && exact.size > 1;
    const joined = exact === null || saturated ? null : cross(run, exact);
    if (joined !== null) {
      run = joined;
    } else {
      keep(run, runFrom, index - 1);
      keep(requiredOf(element), index, index);
      // A fresh run right after `\b` (or the like) still knows its left edge.
      run =
        exact === null ? new Set(['']) : afterEdge ? (cross(new Set([WORD_EDGE]), exact) ?? exact) : exact;
      runFrom = exact === null ? index + 1 : afterEdge ? index - 1 : index;
    }
    afterEdge = element.type === 'Assertion' && exact?.has(WORD_EDGE) === true;
  });
  keep(run, runFrom, node.elements.length - 1);
  return found;
}

/** The most selective of the requirements (see `better`); on a tie, the first. */
function mostSelective(requirements: readonly Requirement[]): Requirement | undefined {
  let best: Requirement | undefined;
  for (const requirement of requirements) {
    if (better(best?.set ?? null, requirement.set) !== best?.set) best = requirement;
  }
  return best;
}

/** Literals of which every match of the sequence contains at least one; null when none can be told. */
function requiredInSequence(node: AST.Alternative): Literals | null {
  return mostSelective(sequenceRequirements(node))?.set ?? null;
}

/** Literals of which every match of `node` contains at least one; null when none can be told. */
function requiredOf(node: Sequence | AST.Alternative | Branches): Literals | null {
  switch (node.type) {
    case 'Alternative':
      return requiredInSequence(node);
    case 'Group':
    case 'CapturingGroup':
    case 'Pattern': {
      const perBranch = node.alternatives.map(requiredInSequence);
      return perBranch.every(usable) ? union(perBranch, MAX_REQUIRED_SET) : null;
    }
    case 'Quantifier':
      return node.min >= 1
        ? usable(exactOf(node.element))
          ? exactOf(node.element)
          : requiredOf(node.element)
        : null;
    case 'Assertion':
    case 'Backreference':
    case 'Character':
    case 'CharacterClass':
    case 'CharacterSet':
    case 'ExpressionCharacterClass': {
      const exact = exactOf(node);
      return usable(exact) ? exact : null;
    }
  }
}

/**
 * A literal every match contains (a newline in the pattern reads as a space: match it with a gate that
 * treats the two alike); `wordEdgeBefore`/`After`: no word character may touch it on that side.
 */
export interface RequiredLiteral {
  text: string;
  wordEdgeBefore: boolean;
  wordEdgeAfter: boolean;
}

const WORD_CHAR = /^\w$/;

function toRequired(raw: string): RequiredLiteral {
  const text = raw.replaceAll(WORD_EDGE, '');
  return {
    text,
    wordEdgeBefore: raw.startsWith(WORD_EDGE) && WORD_CHAR.test(text[0] ?? ''),
    wordEdgeAfter: raw.endsWith(WORD_EDGE) && WORD_CHAR.test(text[text.length - 1] ?? ''),
  };
}

/** What a keyword gate needs of one pattern: see {@link requiredLiterals} and {@link confirmingLiterals}. */
export interface GateLiterals {
  required: RequiredLiteral[] | null;
  confirming: RequiredLiteral[] | null;
}

/** Both requirements of `pattern` from one parse and one walk of each branch. */
export function gateLiterals(pattern: RegExp, minLength = 2): GateLiterals {
  const branches = parseRegExpLiteral(pattern).pattern.alternatives.map((branch) => {
    const requirements = sequenceRequirements(branch);
    const gate = mostSelective(requirements);
    const apart = requirements.filter(
      (other) => gate && (other.last < gate.first || other.first > gate.last),
    );
    return { gate: gate?.set ?? null, apart: mostSelective(apart)?.set ?? null };
  });
  const joined = (sets: Array<Literals | null>) =>
    sets.every(usable) ? requirementOf(union(sets, MAX_REQUIRED_SET), minLength) : null;
  return {
    required: joined(branches.map((branch) => branch.gate)),
    confirming: joined(branches.map((branch) => branch.apart)),
  };
}

/**
 * Lower-cased literals of which every match of `pattern` contains at least one (case-insensitively), or null
 * when the pattern has no such literal of at least `minLength` characters. Derived from the pattern's syntax
 * tree the way RE2's prefilter does, so a rule edit can never leave a stale hand-written keyword list behind.
 * Patterns are assumed to run on normalized text (whitespace is a single space or newline).
 */
export function requiredLiterals(pattern: RegExp, minLength = 2): RequiredLiteral[] | null {
  return gateLiterals(pattern, minLength).required;
}

/**
 * A second requirement, from another stretch of every match than {@link requiredLiterals}'s: every match also
 * contains one of these (`the user has` beside `agreed`). A gate can ask for both near each other before it
 * runs the pattern, so prose that merely has the rarer word costs nothing. Null when some branch of the
 * pattern has no second usable requirement.
 */
export function confirmingLiterals(pattern: RegExp, minLength = 2): RequiredLiteral[] | null {
  return gateLiterals(pattern, minLength).confirming;
}

function requirementOf(required: Literals | null, minLength: number): RequiredLiteral[] | null {
  if (!usable(required) || shortest(required) < minLength) return null;
  const literals = [...required].map(toRequired).sort((a, b) => a.text.length - b.text.length);
  const kept: RequiredLiteral[] = [];
  for (const literal of literals) {
    if (!kept.some((shorter) => subsumes(shorter, literal))) kept.push(literal);
  }
  return kept;
}

/** Any text where `longer` occurs also has `shorter` (so `longer` adds nothing to a gate). */
function subsumes(shorter: RequiredLiteral, longer: RequiredLiteral): boolean {
  if (!shorter.wordEdgeBefore && !shorter.wordEdgeAfter) return longer.text.includes(shorter.text);
  const prefix = longer.text.startsWith(shorter.text) && (!shorter.wordEdgeBefore || longer.wordEdgeBefore);
  const whole = shorter.text === longer.text || !shorter.wordEdgeAfter;
  return prefix && whole && (!shorter.wordEdgeAfter || longer.wordEdgeAfter);
}
