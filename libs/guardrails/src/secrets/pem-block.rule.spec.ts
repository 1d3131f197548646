import { describe, expect, it } from 'vitest';
import { BASE64, fake, fakePem, spanTexts } from './fake-secret.fixture';
import { pemBlockRule } from './pem-block.rule';

const scan = (text: string) => pemBlockRule.scan(text);

describe('PEM private-key blocks', () => {
  it.each([
    'RSA PRIVATE KEY',
    'PRIVATE KEY',
    'EC PRIVATE KEY',
    'DSA PRIVATE KEY',
    'OPENSSH PRIVATE KEY',
    'ENCRYPTED PRIVATE KEY',
    'PGP PRIVATE KEY BLOCK',
  ])('covers a whole %s block, header to footer', (label) => {
    const pem = fakePem(label);
    const text = `key:\n${pem}\nnext line`;
    expect(spanTexts(text, scan(text))).toEqual([pem]);
  });

  it.each([
    [
      'JSON-escaped',
      (pem: string) => JSON.stringify({ private_key: pem }),
      (pem: string) => JSON.stringify(pem).slice(1, -1),
    ],
    [
      'double-escaped',
      (pem: string) => JSON.stringify({ t: JSON.stringify({ k: pem }) }),
      (pem: string) => JSON.stringify(JSON.stringify(pem).slice(1, -1)).slice(1, -1),
    ],
    ['CRLF', (pem: string) => pem.replace(/\n/g, '\r\n'), (pem: string) => pem.replace(/\n/g, '\r\n')],
    [
      'single line',
      (pem: string) => `PRIVATE_KEY="${pem.replace(/\n/g, ' ')}"`,
      (pem: string) => pem.replace(/\n/g, ' '),
    ],
  ])('covers a %s block', (_name, wrap, written) => {
    const pem = fakePem();
    const text = wrap(pem);
    expect(spanTexts(text, scan(text))).toEqual([written(pem)]);
  });

  it('covers legacy encrypted keys with Proc-Type headers', () => {
    const pem = fakePem().replace(
      '-----\n',
      `-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${fake('0123456789ABCDEF', 32)}\n\n`,
    );
    expect(spanTexts(pem, scan(pem))).toEqual([pem]);
  });

  it('covers two keys in a row separately', () => {
    const text = `${fakePem('EC PRIVATE KEY', 3, 1)}\n\n${fakePem('PRIVATE KEY', 3, 2)}`;
    expect(scan(text)).toHaveLength(2);
  });

  it('covers a key cut off after its BEGIN line (first stream chunk) to the end', () => {
    const pem = fakePem();
    const text = `before ${pem.slice(0, 200)}`;
    expect(spanTexts(text, scan(text))).toEqual([pem.slice(0, 200)]);
  });

  it('covers a key whose BEGIN line was in an earlier chunk, from the first body line', () => {
    const pem = fakePem();
    const tail = pem.slice(300);
    const text = `${tail}\nafter`;
    expect(spanTexts(text, scan(text))).toEqual([tail]);
  });

  it.each([
    ['a public key', `-----BEGIN PUBLIC KEY-----\n${fake(BASE64, 64)}\n-----END PUBLIC KEY-----`],
    ['a certificate', `-----BEGIN CERTIFICATE-----\n${fake(BASE64, 64)}\n-----END CERTIFICATE-----`],
    [
      'prose naming the markers',
      'A PEM file starts with -----BEGIN RSA PRIVATE KEY----- and ends with -----END RSA PRIVATE KEY-----.',
    ],
    ['a BEGIN line with no body', 'the header -----BEGIN PRIVATE KEY----- marks the start'],
    ['the words private key', 'Never share your PRIVATE KEY with anyone.'],
  ])('leaves %s alone', (_name, text) => {
    expect(scan(text)).toEqual([]);
  });
});
