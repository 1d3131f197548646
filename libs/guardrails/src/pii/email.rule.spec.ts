import { describe, expect, it } from 'vitest';
import { scanEmails } from './email.rule';

const found = (text: string): string[] => scanEmails(text).map((s) => text.slice(s.start, s.end));

describe('e-mail addresses', () => {
  it.each([
    ['Contact jane.doe@example.com today', 'jane.doe@example.com'],
    ['<ops+alerts@mail.example.org>', 'ops+alerts@mail.example.org'],
    ['mailto:first_last42@corp.example.co.uk?subject=hi', 'first_last42@corp.example.co.uk'],
    ['JOHN.DOE@EXAMPLE.COM.', 'JOHN.DOE@EXAMPLE.COM'],
    ['"email":"a@eu-west.mail.example.net"', 'a@eu-west.mail.example.net'],
    ['IDN user@xn--bcher-kva.example ok', 'user@xn--bcher-kva.example'],
  ])('finds the address in %s', (text, address) => {
    expect(found(text)).toEqual([address]);
  });

  it.each([
    'user@localhost',
    'root@server',
    'logo@2x.png and icon@3x.jpg',
    'npm i @scope/pkg@1.2.3',
    'john at example dot com',
    'name@domain.c',
    '.start@example..com',
    'a@-bad-.example.com',
    '@mention and user@',
  ])('leaves %s alone', (text) => {
    expect(found(text)).toEqual([]);
  });
});
