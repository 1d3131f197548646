import { describe, expect, it } from 'vitest';
import { decodedViews, type DecodedView } from './decoded.views';
import { excerptOf } from './view.excerpt';

function firstLayer(text: string): DecodedView {
  const [view] = decodedViews(text);
  if (!view) throw new Error('the text has no escape');
  return view;
}

const PROSE = 'The committee met on Tuesday to review the spring schedule for the library branches. ';

describe('excerpts of decoded views', () => {
  it('keeps only the stretch around a lone escape, and maps spans back to the original', () => {
    const text = PROSE.repeat(40) + 'token=ab%2Fcd ' + PROSE.repeat(40);
    const excerpt = excerptOf(firstLayer(text));
    expect(excerpt.text.length).toBeLessThan(600);
    const at = excerpt.text.indexOf('ab/cd');
    const [span] = excerpt.toOriginal({ start: at, end: at + 5, kind: 'x', confidence: 1 });
    expect(text.slice(span?.start, span?.end)).toBe('ab%2Fcd');
  });

  it('keeps less before a decoded line break or tab, still a keyword window', () => {
    const line = 'my deploy api key for staging is\\t8Fh3kQ9zLm2Xw7Rt5Yp1Vb4N';
    const text = PROSE.repeat(40) + line + ' ' + PROSE.repeat(40);
    const excerpt = excerptOf(firstLayer(text));
    expect(excerpt.text).toContain('api key for staging is\t8Fh3');
    expect(excerpt.text.length).toBeLessThan(450);
  });

  it('cuts a span that runs over a gap between two windows into one span per window', () => {
    const text = `a%41${PROSE.repeat(20)}b%42`;
    const excerpt = excerptOf(firstLayer(text));
    const spans = excerpt.toOriginal({ start: 0, end: excerpt.text.length, kind: 'x', confidence: 1 });
    expect(spans.length).toBe(2);
    expect(spans[0]?.start).toBe(0);
    expect(spans[1]?.end).toBe(text.length);
    expect(spans[0]?.end).toBeLessThan(spans[1]?.start ?? 0);
  });

  it('scans the whole view when the escapes are dense', () => {
    const text = 'line one\\nline two\\n'.repeat(200);
    const view = firstLayer(text);
    expect(excerptOf(view).text).toBe(view.text);
  });

  it('scans the whole view when it holds a private key, so the block is never cut', () => {
    const text = `${PROSE.repeat(30)}-----BEGIN PRIVATE KEY-----\\nMIIE${PROSE.repeat(30)}`;
    const view = firstLayer(text);
    expect(excerptOf(view).text).toBe(view.text);
  });
});
