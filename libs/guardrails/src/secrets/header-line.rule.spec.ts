import { describe, expect, it } from 'vitest';
import { BASE62, fake, spanTexts } from './fake-secret.fixture';
import { headerLineRule } from './header-line.rule';

const values = (text: string): string[] => spanTexts(text, headerLineRule.scan(text));
const T = fake(BASE62, 32);

describe('credential headers', () => {
  it.each([
    ['Bearer, scheme kept out', `GET / HTTP/1.1\r\nAuthorization: Bearer ${T}\r\nAccept: */*`, T],
    ['Basic, scheme kept out', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', 'dXNlcjpwYXNzd29yZA=='],
    ['a custom scheme', `authorization: SSWS ${T}`, T],
    ['a whole cookie header', `Cookie: theme=dark; sid=${T}`, `theme=dark; sid=${T}`],
    ['set-cookie', `Set-Cookie: sid=${T}; Path=/; HttpOnly`, `sid=${T}; Path=/; HttpOnly`],
    ['x-api-key', `X-Api-Key: ${T}`, T],
    ['a letters-only key in mixed case', 'X-Api-Key: QwErTyUiOpAsDf', 'QwErTyUiOpAsDf'],
    ['proxy-authorization', `Proxy-Authorization: Basic ${T}`, T],
    ['a curl -H argument, up to its quote', `curl -H "X-Auth-Token: ${T}" https://api.example.com`, T],
    ['an x-*-token header', `x-upstream-token: ${T}`, T],
    [
      'a cookie with an example domain',
      `Cookie: sid=${T}; domain=example.com`,
      `sid=${T}; domain=example.com`,
    ],
  ])('%s', (_name, text, secret) => {
    expect(values(text)).toEqual([secret]);
  });

  it.each([
    ['a placeholder', 'Authorization: Bearer <token>'],
    ['a placeholder cookie', 'Cookie: session=<session-id>; theme='],
    ['a single word', 'authorization: required'],
    ['a capitalized word', 'X-Api-Key: None'],
    ['a word in capitals', 'Cookie: DISABLED'],
    ['prose', 'Authorization: the process of checking what a user may do'],
    ['an ordinary header', 'Content-Type: application/json'],
    ['a request id', 'X-Request-Id: 8f14e45f'],
    ['a mention mid-sentence', 'the Authorization: header is missing'],
  ])('leaves %s alone', (_name, text) => {
    expect(values(text)).toEqual([]);
  });
});
