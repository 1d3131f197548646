import { describe, expect, it } from 'vitest';
import { apiKeyHints, generateApiKey, hashApiKey, isApiKeyFormat, maskApiKey } from './api-key';

describe('api keys', () => {
  it('generates bgw_ keys of 40 base62 characters, all different', () => {
    const keys = Array.from({ length: 200 }, generateApiKey);
    for (const key of keys) expect(key).toMatch(/^bgw_[0-9A-Za-z]{40}$/);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('uses the whole base62 alphabet', () => {
    const seen = new Set(Array.from({ length: 100 }, generateApiKey).join('').slice(4));
    expect(seen.size).toBeGreaterThan(60);
  });

  it('recognises the key format and rejects look-alikes', () => {
    expect(isApiKeyFormat(generateApiKey())).toBe(true);
    expect(isApiKeyFormat('bgw_short')).toBe(false);
    expect(isApiKeyFormat(`bgx_${'a'.repeat(40)}`)).toBe(false);
    expect(isApiKeyFormat(`bgw_${'a'.repeat(39)}!`)).toBe(false);
  });

  it('hashes deterministically to 64 hex characters that do not contain the key', () => {
    const key = generateApiKey();
    expect(hashApiKey(key)).toBe(hashApiKey(key));
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key)).not.toBe(hashApiKey(generateApiKey()));
  });

  it('masks a key down to its prefix and last four characters', () => {
    const key = 'bgw_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789wxyz';
    expect(apiKeyHints(key)).toEqual({ keyPrefix: 'bgw_AbCd', lastFour: 'wxyz' });
    expect(maskApiKey(apiKeyHints(key))).toBe('bgw_AbCd…wxyz');
  });
});
