import type { TextSpan } from '../text-span';
import { eachMatch, type SecretRule } from './secret.rule';
import { isPlaceholder, looksRandom, shannonEntropy } from './secret-value.heuristics';
import { spanOf } from './span.merge';
import { cluesFor, type TextClues } from './text.clues';
import { MIN_VENDOR_TOKEN, VENDOR_SHAPES, type VendorShape } from './vendor-token.shapes';

/** Every underscore prefix at once: one scan instead of a dozen probes in snake_case code and JSON. */
const UNDERSCORE_PREFIXES = new RegExp(
  VENDOR_SHAPES.flatMap((shape) =>
    shape.underscorePrefix === undefined ? [] : [shape.underscorePrefix],
  ).join('|'),
  'g',
);

/** Whether a shape can match at all in the text, from its clue (cheap, never wrong about a match). */
function mayOccur(shape: VendorShape, prefix: RegExp | undefined, clues: TextClues): boolean {
  if (prefix === undefined) return shape.clue?.(clues) ?? true;
  return clues.has('_') && clues.matches(UNDERSCORE_PREFIXES).some((found) => prefix.test(found));
}

/** Sentence punctuation a token regex may have swallowed (`… ghp_abc.`). */
function trimmedEnd(text: string, start: number, end: number): number {
  let stop = end;
  while (stop > start && text[stop - 1] === '.') stop -= 1;
  return stop;
}

function bodyIsRandom(token: string): boolean {
  const body = token.replace(/^(?:sk-(?:proj-|svcacct-|admin-|None-)?|s\.)/, '');
  return looksRandom(body, 16) || (body.length >= 40 && shannonEntropy(body) >= 4);
}

function shapeSpans(shape: VendorShape, text: string): TextSpan[] {
  return eachMatch(shape.pattern, text, (match) => {
    const end = trimmedEnd(text, match.index, match.index + match[0].length);
    const token = text.slice(match.index, end);
    if (isPlaceholder(token) || (shape.randomBody === true && !bodyIsRandom(token))) return [];
    return spanOf(match.index, end, shape.kind, 0.99);
  });
}

/**
 * Vendor and format credentials: AWS, GitHub, GitLab, GCP, OpenAI, Anthropic, Slack, Stripe, npm, JWT… Every
 * match is a long run of token characters, so where such runs are a small part of the text the shapes search
 * only those runs (ordinary prose has a few, or none).
 */
export const vendorTokenRules: readonly SecretRule[] = VENDOR_SHAPES.map((shape, index) => {
  const prefix =
    shape.underscorePrefix === undefined ? undefined : new RegExp(`^(?:${shape.underscorePrefix})$`);
  const scanWhole = (text: string, clues: TextClues) =>
    mayOccur(shape, prefix, clues) ? shapeSpans(shape, text) : [];
  return {
    id: `vendor:${shape.kind}:${index}`,
    scan: (text: string, clues?: TextClues) => {
      const whole = cluesFor(text, clues);
      const runs = whole.runsView(MIN_VENDOR_TOKEN);
      if (runs === undefined) return scanWhole(text, whole);
      return scanWhole(runs.view.text, runs.clues).map((span) => {
        const start = runs.view.toOriginal(span.start);
        return { ...span, start, end: start + (span.end - span.start) };
      });
    },
  };
});
