import type { RawSignal, SignalFamily } from './injection.types';

/**
 * One regular-expression rule. Patterns run on normalized text (single spaces, folded homoglyphs), must carry the
 * `g` flag, and use only bounded repetition without nested quantifiers, so matching stays linear in the input.
 */
export interface PatternRule {
  kind: string;
  family: SignalFamily;
  /** Evidence strength 0–1 before context dampening. */
  weight: number;
  pattern: RegExp;
  /** Optional post-filter on the match (e.g. "the tool name contains a dangerous verb"). */
  accept?: (match: RegExpExecArray) => boolean;
}

/** Builds a global regular expression (case-insensitive unless `flags` says otherwise). */
export function rx(source: string, flags = 'gi'): RegExp {
  return new RegExp(source, flags);
}

/** Every match of every rule as a raw signal (offsets in `text`). */
export function runPatternRules(text: string, rules: readonly PatternRule[]): RawSignal[] {
  const out: RawSignal[] = [];
  for (const rule of rules) {
    const { pattern } = rule;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      if (m[0].length === 0) pattern.lastIndex += 1;
      else if (!rule.accept || rule.accept(m)) {
        out.push({
          start: m.index,
          end: m.index + m[0].length,
          kind: rule.kind,
          family: rule.family,
          weight: rule.weight,
        });
      }
    }
  }
  return out;
}
