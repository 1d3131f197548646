import { describe, expect, it } from 'vitest';
import { KeywordAutomaton } from './keyword-automaton';

function found(automaton: KeywordAutomaton, text: string): string[] {
  const hits = automaton.scan(text);
  const out: string[] = [];
  for (let i = 0; i < hits.length; i += 2) out.push(`${hits[i]}@${hits[i + 1]}`);
  return out;
}

describe('KeywordAutomaton', () => {
  it('finds every occurrence, overlapping ones included, in order of where they end', () => {
    const automaton = new KeywordAutomaton(['he', 'she', 'his', 'hers']);
    expect(found(automaton, 'ushers')).toEqual(['1@4', '0@4', '3@6']);
  });

  it('folds case both ways and matches non-ASCII letters', () => {
    const automaton = new KeywordAutomaton(['Ignore', 'révèle']);
    expect(found(automaton, 'IGNORE and ignore, RÉVÈLE')).toEqual(['0@6', '0@17', '1@25']);
  });

  it('treats the given pairs of characters alike', () => {
    const automaton = new KeywordAutomaton(['system prompt'], [['\n', ' ']]);
    expect(found(automaton, 'the system\nprompt')).toEqual(['0@17']);
  });

  it('finds nothing in text without keywords, and copes with an empty list', () => {
    expect(found(new KeywordAutomaton(['secret']), 'nothing to see here')).toEqual([]);
    expect(found(new KeywordAutomaton([]), 'anything')).toEqual([]);
  });

  it('walks long texts in quarters and finds exactly what one walk from the start finds', () => {
    const keywords = ['he', 'she', 'his', 'hers', 'ignore all', 'previous', 'us'];
    const automaton = new KeywordAutomaton(keywords);
    const pieces = ['ushers ', 'ignore all previous ', 'his ', 'x', ' ', 'hers', 'ignore ', 'all'];
    let seed = 7;
    let text = '';
    while (text.length < 20_000) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      text += pieces[seed % pieces.length];
    }
    // Every keyword end, by a plain search per keyword, in the automaton's order (by end, then longest first).
    const expected: Array<[number, number]> = [];
    const lower = text.toLowerCase();
    keywords.forEach((keyword, index) => {
      for (let at = lower.indexOf(keyword); at >= 0; at = lower.indexOf(keyword, at + 1))
        expected.push([index, at + keyword.length]);
    });
    const hits = automaton.scan(text);
    const actual: Array<[number, number]> = [];
    for (let i = 0; i < hits.length; i += 2) actual.push([hits[i], hits[i + 1]]);
    const byEnd = (a: [number, number], b: [number, number]) => a[1] - b[1] || a[0] - b[0];
    expect([...actual].sort(byEnd)).toEqual(expected.sort(byEnd));
    expect(actual.map(([, end]) => end)).toEqual([...actual].map(([, end]) => end).sort((a, b) => a - b));
    // Keywords straddling each quarter boundary are found once, by the walk that owns their end.
    for (const quarter of [1, 2, 3].map((k) => (text.length >> 2) * k)) {
      const straddling = expected.filter(
        ([index, end]) => end > quarter && end - keywords[index].length < quarter,
      );
      for (const hit of straddling) expect(actual.filter((found) => byEnd(found, hit) === 0)).toHaveLength(1);
    }
  });
});
