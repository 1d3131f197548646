import type { DetectorFactory } from '../engine/detector.types';
import type { TextSpan } from '../text-span';
import { stringList } from './option-readers';
import { textDetector } from './text.detector';

/**
 * `keywords`: case-insensitive literal words or phrases (`options.keywords`), matched on word
 * boundaries unless `options.wholeWord` is false.
 */
export const keywordsDetector: DetectorFactory = {
  id: 'keywords',
  prepare(options) {
    const keywords = stringList(options, 'keywords').map((keyword) => keyword.toLowerCase());
    const wholeWord = options['wholeWord'] !== false;
    return textDetector((text) => findKeywords(text, keywords, wholeWord));
  },
};

const WORD = /[\p{L}\p{N}_]/u;

function findKeywords(text: string, keywords: readonly string[], wholeWord: boolean): TextSpan[] {
  const lower = text.toLowerCase();
  const spans: TextSpan[] = [];
  for (const keyword of keywords) {
    for (let at = lower.indexOf(keyword); at !== -1; at = lower.indexOf(keyword, at + keyword.length)) {
      const end = at + keyword.length;
      if (wholeWord && (WORD.test(lower[at - 1] ?? '') || WORD.test(lower[end] ?? ''))) continue;
      spans.push({ start: at, end, kind: 'keyword', confidence: 1 });
    }
  }
  return spans;
}
