import { describe, expect, it } from 'vitest';
import { isValidSsn, scanUsSsns } from './us-ssn.rule';

const found = (text: string): string[] => scanUsSsns(text).map((s) => text.slice(s.start, s.end));

describe('US social security numbers', () => {
  it.each(['536-22-1234', '001-01-0001', '665-99-9999', '667-12-3456', '899-45-6780', '536 22 1234'])(
    'finds %s',
    (ssn) => {
      expect(found(`SSN ${ssn}.`)).toEqual([ssn]);
    },
  );

  it.each([
    ['area 000', '000-12-3456'],
    ['area 666', '666-12-3456'],
    ['area 900–999', '912-12-3456'],
    ['group 00', '536-00-1234'],
    ['serial 0000', '536-22-0000'],
    ['one digit repeated', '111-11-1111'],
    ['the advertising number', '078-05-1120'],
    ['the documentation example', '123-45-6789'],
    ['mixed separators', '536-22 1234'],
    ['a longer number', '536-22-12345'],
    ['part of a dashed id', '12-536-22-1234'],
    ['a phone number', '415-555-0132'],
  ])('leaves %s alone', (_name, text) => {
    expect(found(text)).toEqual([]);
  });

  it('applies the SSA ranges', () => {
    expect(isValidSsn('899', '01', '0001')).toBe(true);
    expect(isValidSsn('900', '01', '0001')).toBe(false);
  });
});
