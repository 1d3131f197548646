import { describe, expect, it } from 'vitest';
import { assignmentRule } from './assignment.rule';
import { BASE62, BASE64, HEX, fake, spanTexts } from './fake-secret.fixture';

const values = (text: string): string[] => spanTexts(text, assignmentRule.scan(text));
const R = fake(BASE62, 32);
const B = fake(BASE64, 40, 2);
const H = fake(HEX, 64, 3);

describe('secret-ish assignments', () => {
  it.each([
    ['JSON password', '{"user":"svc","password":"hunter2"}', 'hunter2'],
    ['camelCase apiKey', `{"apiKey": "${R}"}`, R],
    ['JSON value with an escaped quote', '{"password": "ab\\"cd9"}', 'ab\\"cd9'],
    ['env, letters only', 'DB_PASSWORD=supersecret', 'supersecret'],
    ['env, GitHub style', `GITHUB_TOKEN=${R}`, R],
    ['YAML', 'password: hunter22', 'hunter22'],
    ['TOML', `api_key = "${R}"`, R],
    ['ini with spaces', `aws_secret_access_key = ${B}`, B],
    ['query string', `https://api.example.com/x?token=${R}&page=2`, R],
    ['query signature', `?sv=2022-11-02&sig=${encodeURIComponent(B)}`, encodeURIComponent(B)],
    ['query key', `https://maps.example.com/api?key=${R}`, R],
    ['PHP arrow', `'client_secret' => '${R}'`, R],
    ['Go assignment', `secret := "${R}"`, R],
    ['connection string part', `AccountName=acme;AccountKey=${B};EndpointSuffix=core.windows.net`, B],
    ['random value of a loose key', `SIGNING_KEY_V2=${R}`, R],
    ['hex value of a loose key', `hmac_key: ${H}`, H],
    ['Authorization value, scheme kept out', `{"Authorization": "Bearer ${R}"}`, R],
  ])('%s', (_name, text, secret) => {
    expect(values(text)).toEqual([secret]);
  });

  it.each([
    ['a word after a colon', 'password: required'],
    ['token counts', '{"max_tokens": 1024, "input_tokens": 12}'],
    ['a call', 'const token = await getToken();'],
    ['a code reference', 'password = var.db_password'],
    ['an empty value', '{"password": ""}'],
    ['a masked value', '{"password": "********"}'],
    ['a paging token', `{"nextPageToken": "${R}"}`],
    ['a public key', `{"publicKey": "${B}"}`],
    ['a UUID cache key', 'cacheKey=550e8400-e29b-41d4-a716-446655440000'],
    ['a token type', '{"token_type": "Bearer"}'],
    ['a sort key', 'sortKey=createdAt'],
    ['a placeholder reference', 'password: ${DB_PASSWORD}'],
    ['a template', 'token: {{ secrets.GITHUB_TOKEN }}'],
    ['prose', 'The password: it must be long.'],
  ])('leaves %s alone', (_name, text) => {
    expect(values(text)).toEqual([]);
  });
});
