import { describe, expect, it } from 'vitest';
import { authSchemeRule } from './auth-scheme.rule';
import { BASE62, fake, spanTexts } from './fake-secret.fixture';

const values = (text: string): string[] => spanTexts(text, authSchemeRule.scan(text));
const T = fake(BASE62, 40);
const BASIC = Buffer.from('deploy:Hunter2-pw').toString('base64');

describe('auth-scheme credentials in free text', () => {
  it.each([
    ['Bearer', `sent Bearer ${T} upstream`, T],
    ['lower-case bearer', `bearer ${T}`, T],
    [
      'a JWT-like bearer',
      `Bearer ${T.slice(0, 10)}.${T.slice(10, 20)}.${T.slice(20)}`,
      `${T.slice(0, 10)}.${T.slice(10, 20)}.${T.slice(20)}`,
    ],
    ['GitHub token scheme', `Authorization: token ${T}`, T],
    ['Basic', `Basic ${BASIC}`, BASIC],
    ['a trailing full stop', `use Bearer ${T}.`, T],
  ])('%s: the scheme word stays out', (_name, text, secret) => {
    expect(values(text)).toEqual([secret]);
  });

  it.each([
    'The bearer of this letter is authorized to collect the parcel.',
    'Bearer tokens are short-lived.',
    'Basic authentication is disabled.',
    'Authorization: Bearer YOUR_ACCESS_TOKEN',
    'Basic Auth over TLS only',
    'Token expired, please sign in again.',
  ])('leaves "%s" alone', (text) => {
    expect(values(text)).toEqual([]);
  });
});
