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
});
