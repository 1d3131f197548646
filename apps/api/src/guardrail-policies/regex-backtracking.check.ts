import { NO_CHAR, setsOverlap, unionSets, type CharSet } from './regex-char-set';
import {
  parseRegexStructure,
  RegexStructureError,
  type RegexGroup,
  type RegexNode,
} from './regex-syntax.parser';

/**
 * Says why a regular expression (one that compiles with the `u` flag) could backtrack
 * catastrophically, or returns null when it looks safe.
 *
 * A conservative structural check, run once when a policy is saved: it looks at every group that
 * repeats (`*`, `+`, `{n,}`, `{n,m}` with m > 1) and rejects it when one text can be split into
 * repetitions in many ways, which is what makes a backtracking engine explode on a near-miss:
 * - the group can match the empty string — `(a*)*`, `(.*)*`, `(a?)+`;
 * - two alternatives can start with the same character — `(a|a)*`, `(\w|\d)+`;
 * - it contains a part that repeats — `(a+)+`, `(\w+\s?)*` — and no required single character
 *   that the repeating parts cannot match separates one repetition from the next
 *   (`([a-z]+\.)+` is accepted: every repetition ends at a dot).
 * It may reject a few harmless patterns; it should not accept a dangerous one of these shapes.
 */
export function findCatastrophicBacktracking(pattern: string): string | null {
  try {
    return checkAlternatives(parseRegexStructure(pattern));
  } catch (error) {
    if (error instanceof RegexStructureError) return 'it uses syntax the backtracking check cannot analyse';
    throw error;
  }
}

function checkAlternatives(alternatives: RegexNode[][]): string | null {
  for (const node of alternatives.flat()) {
    if (node.kind !== 'group') continue;
    const problem = checkGroup(node) ?? checkAlternatives(node.alternatives);
    if (problem) return problem;
  }
  return null;
}

function checkGroup(group: RegexGroup): string | null {
  if (group.max <= 1 || group.lookaround) return null;
  const shown = JSON.stringify(group.source);
  if (group.alternatives.some(canMatchEmpty)) {
    return `the repeated group ${shown} can match the empty string, so it can repeat in countless ways`;
  }
  const ambiguous = [group, ...nestedGroups(group.alternatives.flat())].find((inner) =>
    alternativesOverlap(inner.alternatives),
  );
  if (ambiguous) {
    const where = ambiguous === group ? '' : ` (in ${JSON.stringify(ambiguous.source)})`;
    return `alternatives that can start with the same character repeat inside ${shown}${where}`;
  }
  for (const alternative of group.alternatives) {
    const inner = unseparatedRepetition(alternative);
    if (inner) {
      return `nested quantifiers: the repeated group ${shown} contains the repeated ${JSON.stringify(inner.source)} with nothing that separates one repetition from the next`;
    }
  }
  return null;
}

function canMatchEmpty(sequence: RegexNode[]): boolean {
  return sequence.every(
    (node) =>
      node.min === 0 || (node.kind === 'group' && (node.lookaround || node.alternatives.some(canMatchEmpty))),
  );
}

/** The characters a sequence can start with. */
function firstChars(sequence: RegexNode[]): CharSet {
  let set = NO_CHAR;
  for (const node of sequence) {
    if (node.kind === 'group' && node.lookaround) continue;
    const own =
      node.kind === 'atom' ? node.set : node.alternatives.map(firstChars).reduce(unionSets, NO_CHAR);
    set = unionSets(set, own);
    if (!canMatchEmpty([node])) break;
  }
  return set;
}

function alternativesOverlap(alternatives: RegexNode[][]): boolean {
  const starts = alternatives.map(firstChars);
  return starts.some((a, i) => starts.slice(i + 1).some((b) => setsOverlap(a, b)));
}

/** Groups nested anywhere inside a sequence (lookarounds excluded). */
function nestedGroups(sequence: RegexNode[]): RegexGroup[] {
  return sequence
    .filter(consumes)
    .flatMap((node) => (node.kind === 'group' ? [node, ...nestedGroups(node.alternatives.flat())] : []));
}

/** Shortest and longest text a node matches. */
function lengthRange(node: RegexNode): [number, number] {
  if (!consumes(node)) return [0, 0];
  const [low, high] = node.kind === 'atom' ? [1, 1] : sequencesRange(node.alternatives);
  return [low * node.min, high === 0 || node.max === 0 ? 0 : high * node.max];
}

function sequencesRange(alternatives: RegexNode[][]): [number, number] {
  const ranges = alternatives.map((sequence) =>
    sequence.map(lengthRange).reduce<[number, number]>(([a, b], [c, d]) => [a + c, b + d], [0, 0]),
  );
  return [Math.min(...ranges.map(([low]) => low)), Math.max(...ranges.map(([, high]) => high))];
}

/** Every character a node can consume. */
function allChars(node: RegexNode): CharSet {
  if (node.kind === 'atom') return node.set;
  return node.alternatives.flat().filter(consumes).map(allChars).reduce(unionSets, NO_CHAR);
}

/** Nodes anywhere inside the sequence whose length varies (`a+`, `x?`, `(a|bc)`, back-references). */
function variableParts(sequence: RegexNode[]): RegexNode[] {
  return sequence.filter(consumes).flatMap((node) => {
    const [low, high] = lengthRange(node);
    if (low < high) return [node];
    return node.kind === 'group' ? variableParts(node.alternatives.flat()) : [];
  });
}

/**
 * The first varying part of a repeated sequence when no required character outside every varying
 * part pins down where one repetition ends; null when such a separator exists or nothing varies.
 */
function unseparatedRepetition(sequence: RegexNode[]): RegexNode | null {
  const varying = variableParts(sequence);
  const first = varying[0];
  if (!first) return null;
  const varyingChars = varying.map(allChars).reduce(unionSets, NO_CHAR);
  const separated = sequence.some(
    (node) => node.kind === 'atom' && node.min >= 1 && !setsOverlap(node.set, varyingChars),
  );
  return separated ? null : first;
}

function consumes(node: RegexNode): boolean {
  return !(node.kind === 'group' && node.lookaround);
}
