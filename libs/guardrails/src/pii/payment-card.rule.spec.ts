import { describe, expect, it } from 'vitest';
import { cardNetwork } from './card-iin.table';
import { passesLuhn } from './luhn.check';
import { scanPaymentCards } from './payment-card.rule';

const found = (text: string): string[] => scanPaymentCards(text).map((s) => text.slice(s.start, s.end));

describe('payment cards', () => {
  it.each([
    ['Visa, spaces', '4111 1111 1111 1111'],
    ['Visa, dashes', '4111-1111-1111-1111'],
    ['Visa, contiguous', '4111111111111111'],
    ['Visa 13', '4222222222222'],
    ['Mastercard', '5555 5555 5555 4444'],
    ['Mastercard 2-series', '2223 0031 2200 3222'],
    ['Amex 4-6-5', '3782 822463 10005'],
    ['Discover', '6011 1111 1111 1117'],
    ['JCB', '3530 1113 3330 0000'],
    ['Diners 4-6-4', '3056 930902 5904'],
    ['UnionPay 19, 4-4-4-4-3', '6212 3456 7890 1234 569'],
  ])('finds %s', (_name, card) => {
    expect(found(`Card: ${card}, thanks`)).toEqual([card]);
  });

  it('finds a card followed by its CVV or expiry', () => {
    expect(found('card 4111 1111 1111 1111 123 exp')).toEqual(['4111 1111 1111 1111']);
    expect(found('4111111111111111 12/28')).toEqual(['4111111111111111']);
  });

  it.each([
    ['a bad Luhn digit', '4111 1111 1111 1112'],
    ['an unknown IIN', '1234 5678 9012 3452'],
    ['a wrong length for the network', '3782 8224 6310 0056'],
    ['mixed separators', '4111 1111-1111 1111'],
    ['a timestamp', '1718035200000'],
    ['a card glued to letters', 'x4111111111111111'],
    ['too many digits', '41111111111111111111'],
  ])('leaves %s alone', (_name, text) => {
    expect(found(text)).toEqual([]);
  });

  it('checks Luhn and IIN ranges', () => {
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
    expect(cardNetwork('4111111111111111')).toBe('visa');
    expect(cardNetwork('378282246310005')).toBe('amex');
    expect(cardNetwork('9111111111111111')).toBeUndefined();
  });
});
