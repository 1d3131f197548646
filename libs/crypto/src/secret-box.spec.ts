import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox, SecretBoxError, deriveKey, generateMasterKey, parseMasterKey } from './secret-box';

describe(SecretBox.name, () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips a value and never repeats a ciphertext', () => {
    const sealed = box.seal('s3cr3t-value');
    expect(sealed).not.toContain('s3cr3t');
    expect(box.seal('s3cr3t-value')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('s3cr3t-value');
    expect(SecretBox.isSealed(sealed)).toBe(true);
  });

  it('refuses a value sealed under another master key', () => {
    const other = new SecretBox(randomBytes(32));
    expect(() => other.open(box.seal('x'))).toThrow(/different BASTION_MASTER_KEY/);
  });

  it('detects tampering', () => {
    const parts = box.seal('hello world').split('.');
    const ciphertext = Buffer.from(parts[4] ?? '', 'base64url');
    ciphertext[0] = (ciphertext[0] ?? 0) ^ 1;
    parts[4] = ciphertext.toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow(SecretBoxError);
    expect(() => box.open('plain text')).toThrow(/Not a sealed secret/);
  });

  it('parses master keys in hex and base64 and rejects anything else', () => {
    const bytes = randomBytes(32);
    expect(parseMasterKey(bytes.toString('hex'))).toEqual(bytes);
    expect(parseMasterKey(bytes.toString('base64'))).toEqual(bytes);
    expect(parseMasterKey(bytes.toString('base64url'))).toEqual(bytes);
    expect(parseMasterKey(generateMasterKey())).toHaveLength(32);
    expect(parseMasterKey('too-short')).toBeNull();
    expect(parseMasterKey(randomBytes(16).toString('hex'))).toBeNull();
  });
});

describe(deriveKey.name, () => {
  it('derives a distinct, stable key per purpose', () => {
    const master = randomBytes(32);
    expect(deriveKey(master, 'a')).toEqual(deriveKey(master, 'a'));
    expect(deriveKey(master, 'a')).not.toEqual(deriveKey(master, 'b'));
    expect(deriveKey(master, 'a')).toHaveLength(32);
    const box = new SecretBox(deriveKey(master, 'sessions'));
    expect(() => new SecretBox(master).open(box.seal('x'))).toThrow(SecretBoxError);
  });
});
