import { describe, expect, it } from 'vitest';
import { decodedViews } from './decoded.views';

describe('decoded views', () => {
  it('is only the text itself when nothing is escaped', () => {
    const views = decodedViews('plain text');
    expect(views.map((v) => v.text)).toEqual(['plain text']);
  });

  it('decodes JSON escapes and maps offsets back', () => {
    const text = '{"a":"x\\"y\\u0041z"}';
    const view = decodedViews(text)[1];
    expect(view?.text).toBe('{"a":"x"yAz"}');
    expect(decodedViews(text)).toHaveLength(2);
    const at = view?.text.indexOf('A') ?? -1;
    expect(text.slice(view?.offsets[at], view?.offsets[at + 1])).toBe('\\u0041');
  });

  it('decodes nested JSON layer by layer', () => {
    const inner = JSON.stringify({ password: 'p' });
    const text = JSON.stringify({ t: JSON.stringify({ s: inner }) });
    expect(decodedViews(text).some((v) => v.text.includes('"password":"p"'))).toBe(true);
  });

  it('decodes URL percent-encoding and maps offsets back', () => {
    const text = 'q=a%40b%2Fc';
    const view = decodedViews(text).find((v) => v.text === 'q=a@b/c');
    expect(view).toBeDefined();
    const at = view?.text.indexOf('@') ?? -1;
    expect(text.slice(view?.offsets[at], view?.offsets[at + 1])).toBe('%40');
    expect(view?.offsets[view.text.length]).toBe(text.length);
  });

  it('decodes JSON inside URL-encoding', () => {
    const text = encodeURIComponent(JSON.stringify({ k: 'a"b' }));
    expect(decodedViews(text).some((v) => v.text === '{"k":"a"b"}')).toBe(true);
  });

  it('decodes at most three layers', () => {
    expect(decodedViews('%2525252525 \\\\\\\\\\\\\\\\').length).toBe(4);
  });
});
