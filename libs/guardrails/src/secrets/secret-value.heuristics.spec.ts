import { describe, expect, it } from 'vitest';
import { BASE62, BASE64, HEX, fake } from './fake-secret.fixture';
import {
  isPlaceholder,
  isProse,
  looksLikeSecretValue,
  looksRandom,
  schemePrefixLength,
  shannonEntropy,
} from './secret-value.heuristics';

describe('isPlaceholder', () => {
  it.each([
    'AKIAIOSFODNN7EXAMPLE',
    'your-api-key-here',
    'YOUR_API_KEY',
    'xxx',
    'XXXXXXXX',
    '********',
    '<token>',
    '<your-client-secret>',
    '${DB_PASSWORD}',
    '$TOKEN',
    '%API_KEY%',
    '{{ secret }}',
    '${{ secrets.GITHUB_TOKEN }}',
    'process.env.OPENAI_API_KEY',
    'os.environ["KEY"]',
    '[REDACTED]',
    '[REDACTED:bearer-token]',
    'changeme',
    'null',
    'true',
    'undefined',
    'sk-...abcd',
    '',
  ])('%s is a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  it.each([fake(BASE62, 32), 'hunter22', 'P@ssw0rd!2024', fake(BASE64, 40, 3)])('%s is not', (value) => {
    expect(isPlaceholder(value)).toBe(false);
  });
});

describe('looksRandom', () => {
  it.each([fake(BASE62, 20), fake(BASE62, 40, 2), fake(BASE64, 40, 3), fake(HEX, 16, 4)])(
    '%s looks random',
    (value) => {
      expect(looksRandom(value)).toBe(true);
    },
  );

  it.each([
    'ThisIsAnIdentifierName',
    'correcthorsebatterystaple',
    'aaaaaaaaaaaaaaaaaaaa1',
    'short1A',
    'abcabcabcabcabcabc12',
    fake(HEX, 40, 4),
  ])('%s does not', (value) => {
    expect(looksRandom(value)).toBe(false);
  });
});

describe('looksLikeSecretValue', () => {
  it.each(['hunter22', 'P@ssw0rd!', fake(BASE62, 24)])('%s does', (value) => {
    expect(looksLikeSecretValue(value)).toBe(true);
  });

  it.each([
    'required',
    'it',
    'var.db_password',
    'config.token',
    'see below',
    'correct-horse-battery',
    '${X}',
  ])('%s does not', (value) => {
    expect(looksLikeSecretValue(value)).toBe(false);
  });
});

describe('helpers', () => {
  it('measures entropy in bits per character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });

  it.each([
    ['Bearer abc', 7],
    ['basic  abc', 7],
    ['Token abc', 6],
    ['abc', 0],
  ])('skips the scheme word of %s', (value, length) => {
    expect(schemePrefixLength(value)).toBe(length);
  });

  it('tells prose from credentials', () => {
    expect(isProse('the process of checking what a user may do')).toBe(true);
    expect(isProse('theme=dark; session=abc123')).toBe(false);
  });
});
