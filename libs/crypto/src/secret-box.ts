import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
const IV_BYTES = 12;

/** Raised when a sealed value cannot be opened: wrong master key, tampering, or a malformed value. */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

/**
 * Parses BASTION_MASTER_KEY: 32 bytes given as 64 hex characters or as base64 / base64url.
 * Returns null when the value is not one of those forms.
 */
export function parseMasterKey(value: string): Buffer | null {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return bytes.length === 32 ? bytes : null;
  }
  return null;
}

/** A fresh random master key, base64url-encoded, for first-look installs. */
export function generateMasterKey(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Seals secrets with AES-256-GCM under the master key. A sealed value reads
 * `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts); the key id is a short hash of the
 * master key, so a value sealed under another key fails with a clear error instead of garbage.
 */
export class SecretBox {
  private readonly keyId: string;

  constructor(private readonly masterKey: Buffer) {
    if (masterKey.length !== 32) throw new SecretBoxError('The master key must be 32 bytes.');
    this.keyId = createHash('sha256').update(masterKey).digest('base64url').slice(0, 8);
  }

  /** Encrypts one value; every call uses a fresh random IV. */
  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.masterKey, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
    return [VERSION, this.keyId, ...parts].join('.');
  }

  /** Decrypts a value produced by {@link seal}. */
  open(sealed: string): string {
    const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new SecretBoxError('Not a sealed secret.');
    }
    if (keyId !== this.keyId) {
      throw new SecretBoxError('This secret was sealed under a different BASTION_MASTER_KEY.');
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, this.masterKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SecretBoxError('A sealed secret failed its integrity check.');
    }
  }

  /** True when the value looks like something {@link seal} produced. */
  static isSealed(value: string): boolean {
    return /^v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value);
  }
}

/**
 * A 32-byte key for one purpose (e.g. session ids), derived from the master key with HKDF-SHA256,
 * so values sealed for one purpose can never be opened as another.
 */
export function deriveKey(masterKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `bastion:${purpose}`, 32));
}
