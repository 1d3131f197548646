import type { GatewayKeyEntry, ServerEntry, Snapshot } from '@bastion/contracts';

/** A gateway key with its expiry parsed once, so the hot path compares numbers. */
export interface IndexedKey {
  readonly entry: GatewayKeyEntry;
  /** Epoch milliseconds, or null when the key never expires. */
  readonly expiresAtMs: number | null;
}

/** Keys by `keyHash`. */
export type KeyIndex = ReadonlyMap<string, IndexedKey>;
/** Each config's enabled servers, sorted by name. */
export type ServerLists = ReadonlyMap<string, readonly ServerEntry[]>;

/** The (frozen) server list of a project without servers. */
export const NO_SERVERS: readonly ServerEntry[] = Object.freeze([]);

function indexed(entry: GatewayKeyEntry): IndexedKey {
  return { entry, expiresAtMs: entry.expiresAt === null ? null : Date.parse(entry.expiresAt) };
}

/** Indexes every key of a snapshot by its hash. */
export function buildKeyIndex(keys: Snapshot['keys']): KeyIndex {
  const index = new Map<string, IndexedKey>();
  for (const entry of Object.values(keys)) index.set(entry.keyHash, indexed(entry));
  return index;
}

/**
 * Derives the key index of `after` from the one of `before` when only the keys with `ids` changed:
 * a copy and a few edits instead of re-indexing every key.
 */
export function patchKeyIndex(
  index: KeyIndex,
  before: Snapshot['keys'],
  after: Snapshot['keys'],
  ids: Iterable<string>,
): KeyIndex {
  const next = new Map(index);
  const touched = [...ids];
  for (const id of touched) {
    const old = before[id];
    if (old && next.get(old.keyHash)?.entry.id === id) next.delete(old.keyHash);
  }
  for (const id of touched) {
    const entry = after[id];
    if (entry) next.set(entry.keyHash, indexed(entry));
  }
  return next;
}

/** Groups the enabled servers by config, each list sorted by name and frozen. */
export function buildServerLists(servers: Snapshot['servers']): ServerLists {
  const lists = new Map<string, ServerEntry[]>();
  for (const server of Object.values(servers)) {
    if (!server.enabled) continue;
    const list = lists.get(server.configId);
    if (list) list.push(server);
    else lists.set(server.configId, [server]);
  }
  for (const list of lists.values()) {
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
    Object.freeze(list);
  }
  return lists;
}

/** The enabled servers of one config (an empty list when it has none). */
export function serversOf(lists: ServerLists, configId: string): readonly ServerEntry[] {
  return lists.get(configId) ?? NO_SERVERS;
}
