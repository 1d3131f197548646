import { describe, expect, it } from 'vitest';
import { BASE62, fake } from './fake-secret.fixture';
import { TextClues } from './text.clues';
import { candidateRuns, nextTokenStart, tokenRuns } from './token-run.finder';

describe('token runs', () => {
  it.each([
    ['prose', 'The committee met on Tuesday in 2019 to review the spring schedule. '.repeat(50), false],
    ['long words without digits', 'internationalization responsibilities', false],
    ['a random token', `the key is ${fake(BASE62, 24)} ok`, true],
    ['a long run with a digit', 'see build-2024-release-candidate', true],
    ['a run too short', 'abc123 def456', false],
    ['a long run at the very end', `x ${fake(BASE62, 30)}`, true],
  ])('has a candidate run: %s → %s', (_name, text, expected) => {
    expect(new TextClues(text).candidateRuns().length > 0).toBe(expected);
  });

  it('finds where a long enough run starts, stepping over short ones and run middles', () => {
    const text = 'ab cdefghijklmnop qrstuvwxyz0123';
    expect(nextTokenStart(text, 0, text.length)).toBe(3);
    expect(nextTokenStart(text, 4, text.length)).toBe(18);
    expect(nextTokenStart(text, 0, 3)).toBe(-1);
  });

  it('lists whole runs of at least the given length, at the edges too, and the candidates among them', () => {
    const text = 'abcdefghijklmnopqrst ab.cd, release-candidate-2024 x=y ' + 'Z'.repeat(12);
    const runs = tokenRuns(text, 12);
    expect(runs.map(([start, end]) => text.slice(start, end))).toEqual([
      'abcdefghijklmnopqrst',
      'release-candidate-2024',
      'Z'.repeat(12),
    ]);
    expect(tokenRuns(text, 21).map(([start, end]) => text.slice(start, end))).toEqual([
      'release-candidate-2024',
    ]);
    expect(candidateRuns(text, runs).map(({ start, end }) => text.slice(start, end))).toEqual([
      'release-candidate-2024',
    ]);
  });
});
