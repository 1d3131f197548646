import { createHash } from 'node:crypto';

/** Alphabets used by the corpus generators. */
export const ALPHABETS = {
  base62: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  upperDigits: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  hex: '0123456789abcdef',
  digits: '0123456789',
} as const;

/**
 * Deterministic random stream for the eval corpora: SHA-256 in counter mode over the seed (node:crypto), so
 * every run with the same seed builds the same secrets and the same figures.
 */
export class SeededRandom {
  private buffer = Buffer.alloc(0);
  private counter = 0;

  constructor(private readonly seed: string) {}

  /** `n` pseudo-random bytes. */
  bytes(n: number): Buffer {
    while (this.buffer.length < n) {
      const block = createHash('sha256').update(`${this.seed}:${this.counter}`).digest();
      this.counter += 1;
      this.buffer = Buffer.concat([this.buffer, block]);
    }
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return Buffer.from(out);
  }

  /** An integer in [0, max). */
  int(max: number): number {
    return this.bytes(4).readUInt32BE(0) % max;
  }

  /** One element of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** `length` characters drawn uniformly from `alphabet`. */
  string(alphabet: string, length: number): string {
    let out = '';
    for (const byte of this.bytes(length * 2)) {
      if (out.length === length) break;
      out += alphabet[byte % alphabet.length];
    }
    while (out.length < length) out += alphabet[this.int(alphabet.length)];
    return out;
  }
}
