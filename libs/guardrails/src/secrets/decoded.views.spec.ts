import { describe, expect, it } from 'vitest';
import { decodedViews } from './decoded.views';

describe('decoded views', () => {
  it('is empty when nothing is escaped', () => {
    expect(decodedViews('plain text, 100% sure')).toEqual([]);
  });

  it('decodes JSON escapes, records what changed and maps offsets back', () => {
    const text = '{"a":"x\\"y\\u0041z"}';
    const [view] = decodedViews(text);
    expect(view?.text).toBe('{"a":"x"yAz"}');
    expect(decodedViews(text)).toHaveLength(1);
    const at = view?.text.indexOf('A') ?? -1;
    expect(view?.changes).toEqual([7, at]);
    expect(text.slice(view?.toOriginal(at), view?.toOriginal(at + 1))).toBe('\\u0041');
    expect(text.slice(view?.toOriginal(at + 1))).toBe('z"}');
  });

  it('decodes a JSON string body: quotes, backslashes, \\u escapes and newlines', () => {
    const body = 'a\\"b\\\\c\\u0041d\\ne';
    const [view] = decodedViews(body);
    expect(view?.text).toBe('a"b\\cAd\ne');
    expect(view?.changes).toEqual([1, 3, 5, 7]);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((at) => view?.toOriginal(at))).toEqual([
      0, 1, 3, 4, 6, 7, 13, 14, 16, 17,
    ]);
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
    expect(text.slice(view?.toOriginal(at), view?.toOriginal(at + 1))).toBe('%40');
    expect(view?.toOriginal(view.text.length)).toBe(text.length);
  });

  it('maps a deeper layer back through the layers below', () => {
    const text = encodeURIComponent(JSON.stringify({ k: 'a"b' }));
    const views = decodedViews(text);
    const deepest = views[views.length - 1];
    expect(deepest?.text).toBe('{"k":"a"b"}');
    const quote = deepest?.text.indexOf('a"b') ?? -1;
    expect(text.slice(deepest?.toOriginal(quote + 1), deepest?.toOriginal(quote + 2))).toBe('%5C%22');
  });

  it('decodes at most three layers', () => {
    expect(decodedViews('%2525252525 \\\\\\\\\\\\\\\\').length).toBe(3);
  });
});
