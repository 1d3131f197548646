/**
 * Sets of characters as the backtracking check needs them: precise for literals, small ranges and
 * \d \w \s, and deliberately coarse ("any character") for everything else. Coarse answers only
 * ever make two sets look overlapping, so the check errs on the side of rejecting a pattern.
 */

/** Shorthand classes the check reasons about: \d ⊆ \w, and \s is disjoint from both. */
export type NamedClass = 'd' | 'w' | 's';

const CLASS_TESTS: Record<NamedClass, RegExp> = { d: /^\d$/u, w: /^\w$/u, s: /^\s$/u };
const CLASS_SUPERSETS: Record<NamedClass, readonly NamedClass[]> = { d: ['d', 'w'], w: ['w'], s: ['s'] };

/** The characters in `chars` and `classes`, or (when `negated`) every character but those. */
export interface CharSet {
  readonly negated: boolean;
  readonly chars: ReadonlySet<string>;
  readonly classes: ReadonlySet<NamedClass>;
}

/** Ranges wider than this are not expanded; the class is treated as "any character". */
const MAX_RANGE = 512;

export const ANY_CHAR: CharSet = { negated: true, chars: new Set(), classes: new Set() };
export const NO_CHAR: CharSet = { negated: false, chars: new Set(), classes: new Set() };

/** One literal character, with its case variants (a detector may match case-insensitively). */
export function literalSet(char: string): CharSet {
  return { negated: false, chars: new Set(caseVariants(char)), classes: new Set() };
}

/** `\d`, `\w`, `\s`, or their negations. */
export function namedClassSet(name: NamedClass, negated: boolean): CharSet {
  return { negated, chars: new Set(), classes: new Set([name]) };
}

/** The characters from `from` to `to` inclusive; "any character" when the range is wide. */
export function rangeSet(from: string, to: string): CharSet {
  const start = from.codePointAt(0) ?? 0;
  const end = to.codePointAt(0) ?? 0;
  if (end - start > MAX_RANGE) return ANY_CHAR;
  const chars = new Set<string>();
  for (let code = start; code <= end; code++)
    caseVariants(String.fromCodePoint(code)).forEach((c) => chars.add(c));
  return { negated: false, chars, classes: new Set() };
}

/** The complement of a set (for `[^...]`). */
export function negateSet(set: CharSet): CharSet {
  if (set.negated) return ANY_CHAR;
  return { ...set, negated: true };
}

/** A superset of `a ∪ b` (exact in the cases that matter: a set with nothing, positives together). */
export function unionSets(a: CharSet, b: CharSet): CharSet {
  if (isEmpty(a)) return b;
  if (isEmpty(b)) return a;
  if (!a.negated && !b.negated) {
    return {
      negated: false,
      chars: new Set([...a.chars, ...b.chars]),
      classes: new Set([...a.classes, ...b.classes]),
    };
  }
  if (a.negated && b.negated) return ANY_CHAR;
  const [excluded, added] = a.negated ? [a, b] : [b, a];
  // ¬X ∪ Y = ¬(X \ Y): drop from X whatever Y may contain (dropping a whole class is the safe side).
  const chars = [...excluded.chars].filter((c) => !containsPositive(added, c));
  const classes = [...excluded.classes].filter(
    (name) =>
      ![...added.classes].some((other) => classesOverlap(name, other)) &&
      ![...added.chars].some((c) => CLASS_TESTS[name].test(c)),
  );
  return { negated: true, chars: new Set(chars), classes: new Set(classes) };
}

/** True when some character may belong to both sets. */
export function setsOverlap(a: CharSet, b: CharSet): boolean {
  if (isEmpty(a) || isEmpty(b)) return false;
  if (a.negated && b.negated) return true;
  if (a.negated || b.negated) {
    const [excluded, positive] = a.negated ? [a, b] : [b, a];
    return !isCoveredBy(positive, excluded);
  }
  if ([...a.chars].some((c) => containsPositive(b, c))) return true;
  if ([...b.chars].some((c) => containsPositive(a, c))) return true;
  return [...a.classes].some((x) => [...b.classes].some((y) => classesOverlap(x, y)));
}

/** True when every character of the positive set `inner` is in the listed part of `outer`. */
function isCoveredBy(inner: CharSet, outer: CharSet): boolean {
  const charsCovered = [...inner.chars].every((c) => containsPositive(outer, c));
  const classesCovered = [...inner.classes].every((name) =>
    CLASS_SUPERSETS[name].some((superset) => outer.classes.has(superset)),
  );
  return charsCovered && classesCovered;
}

function containsPositive(set: CharSet, char: string): boolean {
  return set.chars.has(char) || [...set.classes].some((name) => CLASS_TESTS[name].test(char));
}

function classesOverlap(x: NamedClass, y: NamedClass): boolean {
  return CLASS_SUPERSETS[x].includes(y) || CLASS_SUPERSETS[y].includes(x);
}

function isEmpty(set: CharSet): boolean {
  return !set.negated && set.chars.size === 0 && set.classes.size === 0;
}

function caseVariants(char: string): string[] {
  return [...new Set([char, char.toLowerCase(), char.toUpperCase()])].filter((c) => [...c].length === 1);
}
