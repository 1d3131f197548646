import { describe, expect, it } from 'vitest';
import { scanPhones } from './phone.rule';

const found = (text: string): string[] => scanPhones(text).map((s) => text.slice(s.start, s.end));

describe('phone numbers', () => {
  it.each([
    ['+44 20 7946 0958'],
    ['+1 (415) 555-0132'],
    ['+49 30 901820'],
    ['+33 1 23 45 67 89'],
    ['+81 3-1234-5678'],
    ['+14155550132'],
    ['+1-415-555-0132'],
    ['+44 (0)20 7946 0958'],
    ['0044 20 7946 0958'],
    ['(415) 555-0132'],
    ['415-555-0132'],
    ['415.555.0132'],
    ['1-800-555-0199'],
    ['020 7946 0958'],
    ['030 901820'],
    ['06 12 34 56 78'],
    ['(02) 9876 5432'],
  ])('finds %s', (phone) => {
    expect(found(`Call ${phone} today.`)).toEqual([phone]);
  });

  it('finds a number after tel: and two numbers in a list', () => {
    expect(found('tel:+442079460958')).toEqual(['+442079460958']);
    expect(found('415-555-0132 415-555-0133')).toEqual(['415-555-0132', '415-555-0133']);
  });

  it.each([
    ['a date', '2024-01-15'],
    ['a dotted date', '15.03.2024 10'],
    ['a US date', '03/15/2024'],
    ['a time', '10:30:45'],
    ['a version', 'v1.2.3 and 10.0.19041.1'],
    ['an IP address', '192.168.100.200'],
    ['an order id', 'Order 1234567890'],
    ['a card number', '4111 1111 1111 1111'],
    ['an SSN', '536-22-1234'],
    ['an ISBN', '978-3-16-148410-0'],
    ['a NANP-shaped number with area code 1xx', '123-456-7890'],
    ['a longer dashed number', '234-567-8901-23'],
    ['a short local number', '555-0132'],
    ['coordinates', '+40.7128, -74.0060'],
    ['digits after an IBAN code', 'NL91 ABNA 0417 1643 00'.replace('NL91 ABNA ', 'X 7 ')],
    ['a range', '1999-2004 and 8000-8999'],
  ])('leaves %s alone', (_name, text) => {
    expect(found(text)).toEqual([]);
  });
});
