import { describe, expect, it } from 'vitest';
import { CodeUnitBuffer } from './code-units';

const codesOf = (text: string): number[] => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

describe(CodeUnitBuffer.name, () => {
  it('gives the code units charCodeAt gives, lone surrogates and astral characters included', () => {
    const text = 'plain, é, 中文, 🙂, lone \ud800 and \udfff, tag \u{e0041}, end';
    expect(Array.from(new CodeUnitBuffer().view(text))).toEqual(codesOf(text));
  });

  it('reuses its buffer for a shorter text, which then ends where that text ends', () => {
    const buffer = new CodeUnitBuffer();
    const long = buffer.view('a longer text than the next one');
    const short = buffer.view('short');
    expect(short.buffer).toBe(long.buffer);
    expect(Array.from(short)).toEqual(codesOf('short'));
  });

  it('gives a text over 256 Ki code units a buffer of its own and keeps the smaller one', () => {
    const buffer = new CodeUnitBuffer();
    const kept = buffer.view('x'.repeat(1_000)).buffer;
    const huge = 'ab'.repeat(200_000);
    const units = buffer.view(huge);
    expect(units.length).toBe(huge.length);
    expect([units[0], units[399_999]]).toEqual([0x61, 0x62]);
    expect(units.buffer).not.toBe(kept);
    expect(buffer.view('y'.repeat(1_000)).buffer).toBe(kept);
  });

  it('handles the empty text', () => {
    expect(new CodeUnitBuffer().view('')).toHaveLength(0);
  });
});
