import { describe, expect, it } from 'vitest';
import { capText, neutralizeControls } from './log-text';

describe(neutralizeControls.name, () => {
  it.each([
    ['CR/LF', 'a\r\nb\nc\rd', 'a b c d'],
    ['tabs', 'a\tb', 'a b'],
    ['Unicode line breaks', 'a\u2028b\u2029c\u0085d', 'a b c d'],
    ['ANSI CSI sequences, whole', 'x\u001b[31;1mred\u001b[0m\u001b[2K', 'xred'],
    ['OSC sequences (terminal title)', 'x\u001b]0;owned\u0007y', 'xy'],
    ['8-bit CSI', 'x\u009b31my', 'xy'],
    ['NUL, BEL, BS, DEL', 'a\u0000b\u0007c\u0008d\u007fe', 'a\uFFFDb\uFFFDc\uFFFDd\uFFFDe'],
    ['bidi overrides', 'abc\u202edef\u2066', 'abc\uFFFDdef\uFFFD'],
  ])('neutralizes %s', (_name, input, expected) => {
    expect(neutralizeControls(input)).toBe(expected);
  });

  it('leaves printable text, accents and emoji alone', () => {
    const text = 'Grüße — 日本語 🚀 {"a":1} \\n';
    expect(neutralizeControls(text)).toBe(text);
  });
});

describe(capText.name, () => {
  it('cuts and says how long the text was', () => {
    expect(capText('abcdef', 3)).toBe('abc…[truncated, 6 chars]');
    expect(capText('abc', 3)).toBe('abc');
  });
});
