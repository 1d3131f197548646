import { describe, expect, it } from 'vitest';
import { DETECTOR_PATTERNS, PATTERN_RULES } from './injection.rules';

interface Audit {
  /** `*`, `+` or `{n,}` somewhere. */
  unbounded: boolean;
  /** An unbounded quantifier inside a group. */
  unboundedInGroup: boolean;
  /** A group repeated more than once (`*`, `+`, `{m,n}` with n > 1) that itself contains a quantifier. */
  nested: boolean;
}

/** Length of the escape at `i` (`\x`, `\u{…}`, `\p{…}`, `\uXXXX`, `\xXX`). */
function escapeLength(source: string, i: number): number {
  const next = source[i + 1];
  if ((next === 'u' || next === 'p' || next === 'P') && source[i + 2] === '{')
    return source.indexOf('}', i) - i + 1;
  if (next === 'u') return 6;
  if (next === 'x') return 4;
  return 2;
}

/** Reads a quantifier at `i`: its length and whether it is unbounded / repeats more than once. */
function quantifierAt(
  source: string,
  i: number,
): { length: number; unbounded: boolean; repeats: boolean } | undefined {
  const c = source[i];
  let length = 0;
  let unbounded = false;
  let repeats = false;
  if (c === '*' || c === '+') [length, unbounded, repeats] = [1, true, true];
  else if (c === '?') length = 1;
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
    if (!m) return undefined;
    length = m[0].length;
    unbounded = m[2] !== undefined && m[3] === '';
    repeats = unbounded || Number(m[3] ?? m[1]) > 1;
  } else return undefined;
  if (source[i + length] === '?') length += 1;
  return { length, unbounded, repeats };
}

/** Length of a group prefix after `(`: `?:`, `?=`, `?!`, `?<=`, `?<!`, `?<name>`. */
function groupPrefixLength(source: string, i: number): number {
  const m = /^\?(?::|=|!|<=|<!|<[A-Za-z]\w*>)/.exec(source.slice(i, i + 40));
  return m ? m[0].length : 0;
}

/** Skips one atom at `i`; returns the next index and whether the atom was a group containing a quantifier. */
function skipAtom(source: string, i: number, stack: boolean[]): { next: number; group: boolean } {
  const c = source[i];
  if (c === '\\') return { next: i + escapeLength(source, i), group: false };
  if (c === '[') {
    let j = i + 1;
    while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
    return { next: j + 1, group: false };
  }
  if (c === ')') return { next: i + 1, group: stack.pop() ?? false };
  return { next: i + 1, group: false };
}

/** A small structural walk over a regex source: enough to find nested and unbounded repetition. */
function audit(source: string): Audit {
  const result: Audit = { unbounded: false, unboundedInGroup: false, nested: false };
  const stack: boolean[] = [false];
  let i = 0;
  while (i < source.length) {
    if (source[i] === '(') {
      stack.push(false);
      i += 1 + groupPrefixLength(source, i + 1);
      continue;
    }
    const atom = skipAtom(source, i, stack);
    i = atom.next;
    const q = quantifierAt(source, i);
    if (!q) {
      if (atom.group) stack[stack.length - 1] = true;
      continue;
    }
    if (q.unbounded) result.unbounded = true;
    if (q.unbounded && stack.length > 1) result.unboundedInGroup = true;
    if (q.repeats && atom.group) result.nested = true;
    stack[stack.length - 1] = true;
    i += q.length;
  }
  return result;
}

describe('regular expressions stay linear', () => {
  it('the audit itself recognises the dangerous shapes', () => {
    expect(audit('(a+)+').nested).toBe(true);
    expect(audit('(?:ab{1,3}){2,5}').nested).toBe(true);
    expect(audit('(?:a\\s)?b{1,3}').nested).toBe(false);
    expect(audit('[a+]{1,4}').unbounded).toBe(false);
    expect(audit('x(?:y|z+)').unboundedInGroup).toBe(true);
  });

  it.each(PATTERN_RULES.map((rule) => [rule.kind, rule.pattern] as const))(
    'rule %s: bounded repetition only, no nested quantifiers',
    (_kind, pattern) => {
      expect(audit(pattern.source)).toEqual({ unbounded: false, unboundedInGroup: false, nested: false });
    },
  );

  it.each(DETECTOR_PATTERNS.map((pattern) => [pattern.source.slice(0, 60), pattern] as const))(
    'detector pattern %s: no nested quantifiers, unbounded runs only at top level',
    (_name, pattern) => {
      const result = audit(pattern.source);
      expect(result.nested).toBe(false);
      expect(result.unboundedInGroup).toBe(false);
    },
  );
});
