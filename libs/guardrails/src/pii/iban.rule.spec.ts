import { describe, expect, it } from 'vitest';
import { ibanLength, passesIbanChecksum } from './iban-country.table';
import { scanIbanShapes, scanIbans } from './iban.rule';

const found = (text: string): string[] => scanIbans(text).map((s) => text.slice(s.start, s.end));

describe('IBANs', () => {
  it.each([
    ['DE89 3704 0044 0532 0130 00'],
    ['DE89370400440532013000'],
    ['GB82 WEST 1234 5698 7654 32'],
    ['GB82WEST12345698765432'],
    ['FR14 2004 1010 0505 0001 3M02 606'],
    ['NL91 ABNA 0417 1643 00'],
    ['CH93 0076 2011 6238 5295 7'],
    ['NO93 8601 1117 947'],
    ['BE68 5390 0754 7034'],
  ])('finds %s', (iban) => {
    expect(found(`Transfer to ${iban}, thanks.`)).toEqual([iban]);
  });

  it.each([
    ['a bad checksum', 'DE89 3704 0044 0532 0130 01'],
    ['a bad check digit pair', 'GB83WEST12345698765432'],
    ['a wrong length for the country', 'DE89 3704 0044 0532 0130'],
    ['an unknown country', 'ZZ89 3704 0044 0532 0130 00'],
    ['lower case', 'de89 3704 0044 0532 0130 00'],
    ['a code glued to a word', 'XDE89370400440532013000'],
    ['extra characters', 'DE89370400440532013000123'],
  ])('leaves %s alone', (_name, text) => {
    expect(found(text)).toEqual([]);
  });

  it('reports mistyped IBANs as shapes, so their digits are not read as something else', () => {
    expect(scanIbanShapes('DE89 3704 0044 0532 0130 01')).toEqual([
      expect.objectContaining({ valid: false }),
    ]);
  });

  it('knows country lengths and mod 97', () => {
    expect(ibanLength('DE')).toBe(22);
    expect(ibanLength('NO')).toBe(15);
    expect(ibanLength('US')).toBeUndefined();
    expect(passesIbanChecksum('GB82WEST12345698765432')).toBe(true);
    expect(passesIbanChecksum('GB82WEST12345698765433')).toBe(false);
  });
});
