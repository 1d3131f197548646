import { describe, expect, it } from 'vitest';
import { TextClues, cluesFor } from './text.clues';

describe(TextClues.name, () => {
  it('answers and remembers includes probes', () => {
    const clues = new TextClues('ghp_ and sk-');
    expect([clues.has('_'), clues.has('sk-'), clues.has('xox')]).toEqual([true, true, false]);
  });

  it('lists matches of a pattern, overlapping ones included', () => {
    expect(new TextClues('aaa').matches(/aa/g)).toEqual(['aa', 'aa']);
  });

  it('finds a word in any letter case', () => {
    expect(new TextClues('Bearer x, BEARER y, bearer').wordAt('bearer')).toEqual([0, 10, 20]);
    expect(new TextClues('Token a, ken b, x-auth-TOKEN c').wordAt('token')).toEqual([0, 23]);
  });

  it('gives up on word offsets when lower-casing would move them', () => {
    expect(new TextClues('\u0130 token').wordAt('token')).toBeUndefined();
  });

  it('finds secret-ish stems in any case', () => {
    const text = 'DB_PASSWORD=x apiKey: y the Token';
    expect(new TextClues(text).stems().map((hit) => text.slice(hit.start, hit.end))).toEqual([
      'PASS',
      'Key',
      'Token',
    ]);
  });

  it('finds the stems before anchors only, as the full pass would', () => {
    const filler = 'word '.repeat(400);
    const text = `${filler}token here ${filler}api_key = 1 ${filler}`;
    const clues = new TextClues(text);
    const near = clues.stemsBefore(':=', 20).map((hit) => text.slice(hit.start, hit.end));
    expect(near).toEqual(['key']);
    expect(clues.stems().map((hit) => text.slice(hit.start, hit.end))).toEqual(['token', 'key']);
  });

  it('uses one full pass when the anchors are dense', () => {
    const text = 'a=1 token b=2 '.repeat(100);
    expect(new TextClues(text).stemsBefore(':=', 104)).toHaveLength(100);
  });

  it('makes fresh clues for another text', () => {
    const clues = new TextClues('one');
    expect(cluesFor('one', clues)).toBe(clues);
    expect(cluesFor('two', clues).text).toBe('two');
  });
});
