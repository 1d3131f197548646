import { createHash, randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Every Bastion key starts with this prefix, so scanners and the secrets detector can spot it. */
export const API_KEY_PREFIX = 'bgw_';
/** Random base62 characters after the prefix (≈ 238 bits of entropy). */
export const API_KEY_RANDOM_LENGTH = 40;
const API_KEY_PATTERN = /^bgw_[0-9A-Za-z]{32,128}$/;

/** Draws base62 characters by rejection sampling, so every character is equally likely. */
function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** A new plaintext key: `bgw_` followed by 40 random base62 characters. */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBase62(API_KEY_RANDOM_LENGTH);
}

/** True when the value has the shape of a Bastion key (it may still be unknown or revoked). */
export function isApiKeyFormat(value: string): boolean {
  return API_KEY_PATTERN.test(value);
}

/**
 * The stored form of a key. Keys carry ≥ 190 bits of randomness, so a fast unsalted SHA-256 is
 * safe here (no dictionary to attack) and lets every proxy check a key in microseconds.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The parts of a key that may be shown again: its first eight and last four characters. */
export function apiKeyHints(key: string): { keyPrefix: string; lastFour: string } {
  return { keyPrefix: key.slice(0, 8), lastFour: key.slice(-4) };
}

/** How a stored key is shown: `bgw_AbCd…wxyz`. */
export function maskApiKey(hints: { keyPrefix: string; lastFour: string }): string {
  return `${hints.keyPrefix}…${hints.lastFour}`;
}
