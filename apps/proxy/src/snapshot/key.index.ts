import type { GatewayKeyEntry, Snapshot } from '@bastion/contracts';

/** A gateway key with its expiry parsed once, so the hot path compares numbers. */
export interface IndexedKey {
  readonly entry: GatewayKeyEntry;
  /** Epoch milliseconds, or null when the key never expires. */
  readonly expiresAtMs: number | null;
}

// Past this many changed hashes the overlay is folded into a new base (one O(keys) copy).
const MAX_OVERLAY = 512;

function indexed(entry: GatewayKeyEntry): IndexedKey {
  return { entry, expiresAtMs: entry.expiresAt === null ? null : Date.parse(entry.expiresAt) };
}

/**
 * Gateway keys by `keyHash`, immutable. A large base map is shared by successive states and a small
 * overlay holds the recent changes (null marks a removed hash), so a key revocation costs a copy of
 * the overlay instead of a copy of every key.
 */
export class KeyIndex {
  private constructor(
    private readonly base: ReadonlyMap<string, IndexedKey>,
    private readonly overlay: ReadonlyMap<string, IndexedKey | null>,
  ) {}

  /** Indexes every key of a snapshot. */
  static build(keys: Snapshot['keys']): KeyIndex {
    const base = new Map<string, IndexedKey>();
    for (const entry of Object.values(keys)) base.set(entry.keyHash, indexed(entry));
    return new KeyIndex(base, new Map());
  }

  /** The key with this hash. */
  get(keyHash: string): IndexedKey | undefined {
    const changed = this.overlay.get(keyHash);
    return changed === undefined ? this.base.get(keyHash) : (changed ?? undefined);
  }

  /** The index after the keys with `ids` changed from `before` to `after`; this one is untouched. */
  patched(before: Snapshot['keys'], after: Snapshot['keys'], ids: readonly string[]): KeyIndex {
    const overlay = new Map(this.overlay);
    for (const id of ids) {
      const old = before[id];
      if (old && this.get(old.keyHash)?.entry.id === id) overlay.set(old.keyHash, null);
    }
    for (const id of ids) {
      const entry = after[id];
      if (entry) overlay.set(entry.keyHash, indexed(entry));
    }
    return overlay.size > MAX_OVERLAY ? KeyIndex.fold(this.base, overlay) : new KeyIndex(this.base, overlay);
  }

  private static fold(
    base: ReadonlyMap<string, IndexedKey>,
    overlay: ReadonlyMap<string, IndexedKey | null>,
  ) {
    const merged = new Map(base);
    for (const [keyHash, key] of overlay) {
      if (key) merged.set(keyHash, key);
      else merged.delete(keyHash);
    }
    return new KeyIndex(merged, new Map());
  }
}
