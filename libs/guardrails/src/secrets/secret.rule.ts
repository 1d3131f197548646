import type { TextSpan } from '../text-span';
import type { TextClues } from './text.clues';

/** One secret detector: finds spans in a string. Every pattern it uses runs in time linear in the input. */
export interface SecretRule {
  /** Stable id, also used by the adversarial timing spec. */
  readonly id: string;
  /** `clues` are shared between the rules scanning the same text; a rule run alone makes its own. */
  scan(text: string, clues?: TextClues): TextSpan[];
}

/** Runs a global regex over `text`, letting `onMatch` turn each match into spans. */
export function eachMatch(
  pattern: RegExp,
  text: string,
  onMatch: (match: RegExpExecArray) => TextSpan[],
): TextSpan[] {
  const spans: TextSpan[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    spans.push(...onMatch(match));
    if (match[0].length === 0) pattern.lastIndex += 1;
  }
  return spans;
}
