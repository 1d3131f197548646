import { describe, expect, it } from 'vitest';
import { confusableName, nameSkeleton } from './confusable-name';

describe(confusableName.name, () => {
  it.each([
    ['send_email', 'send_emаil', 'Cyrillic а'],
    ['read_file', 'read_fiIe', 'capital I for l'],
    ['read_file', 'READ_FILE', 'case only'],
    ['list_tools', 'Iist_tools', 'I for l at the start'],
    ['get_user', 'get-user', 'hyphen for underscore'],
    ['modify', 'rnodify', 'rn for m'],
    ['login', 'log1n', 'digit 1 for i'],
    ['open_repo', 'open_rep0', 'digit 0 for o'],
    ['search', 'ѕеаrсh', 'all Cyrillic'],
    ['fetch', 'ｆｅｔｃｈ', 'fullwidth (NFKC)'],
    ['fetch', 'fe\u200btch', 'zero-width space'],
  ])('%s vs %s (%s) are confusable', (a, b) => {
    expect(confusableName(a, b)).toBe(true);
    expect(confusableName(b, a)).toBe(true);
  });

  it.each([
    ['read_file', 'read_file'],
    ['read_file', 'write_file'],
    ['get_user', 'get_users'],
    ['echo', 'add'],
    ['list', 'last'],
  ])('%s vs %s are not confusable', (a, b) => {
    expect(confusableName(a, b)).toBe(false);
  });

  it('gives look-alikes one skeleton', () => {
    expect(nameSkeleton('Read-Fi1e')).toBe(nameSkeleton('read_file'));
  });
});
