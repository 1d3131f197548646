import { describe, expect, it } from 'vitest';
import { delimiterView } from './delimiter.view';

describe('delimiter view', () => {
  it('is undefined without a `__`', () => {
    expect(delimiterView('server_tool and foo_bar')).toBeUndefined();
  });

  it('blanks each delimiter in place and records both characters as changed', () => {
    const view = delimiterView('echo__tok and a____b');
    expect(view?.text).toBe('echo  tok and a    b');
    expect(view?.changes).toEqual([4, 5, 15, 16, 17, 18]);
    expect(view?.toOriginal(7)).toBe(7);
  });
});
