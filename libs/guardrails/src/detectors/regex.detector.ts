import type { DetectorFactory } from '../engine/detector.types';
import type { TextSpan } from '../text-span';
import { stringList } from './option-readers';
import { textDetector } from './text.detector';

const MAX_MATCHES_PER_STRING = 1000;

/**
 * `regex`: user patterns (`options.patterns`), compiled once with the `u` flag. The api vets them
 * for catastrophic backtracking when the policy is saved; here we only compile.
 */
export const regexDetector: DetectorFactory = {
  id: 'regex',
  prepare(options) {
    const flags = options['caseInsensitive'] === true ? 'giu' : 'gu';
    const patterns = stringList(options, 'patterns').map((source, index) => {
      try {
        return new RegExp(source, flags);
      } catch (error) {
        throw new Error(
          `options.patterns.${index} is not a valid regular expression: ${(error as Error).message}`,
        );
      }
    });
    return textDetector((text) => patterns.flatMap((pattern) => matches(pattern, text)));
  },
};

function matches(pattern: RegExp, text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const match of text.matchAll(pattern)) {
    if (match[0].length === 0) continue;
    spans.push({ start: match.index, end: match.index + match[0].length, kind: 'regex', confidence: 1 });
    if (spans.length >= MAX_MATCHES_PER_STRING) break;
  }
  return spans;
}
