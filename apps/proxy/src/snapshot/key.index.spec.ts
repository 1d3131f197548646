import { describe, expect, it } from 'vitest';
import { KeyIndex } from './key.index';
import { byId, keyEntry, projectEntry } from './snapshot.fixtures';

const PROJECT = projectEntry(null).id;

describe(KeyIndex.name, () => {
  it('finds keys by hash and parses expiry once', () => {
    const key = keyEntry(PROJECT, { expiresAt: '2030-01-01T00:00:00Z' });
    const index = KeyIndex.build(byId(key));
    expect(index.get(key.keyHash)).toEqual({ entry: key, expiresAtMs: Date.UTC(2030, 0, 1) });
    expect(index.get('f'.repeat(64))).toBeUndefined();
  });

  it('patches rotations, additions and removals without changing the original', () => {
    const kept = keyEntry(PROJECT);
    const rotating = keyEntry(PROJECT);
    const removed = keyEntry(PROJECT);
    const before = byId(kept, rotating, removed);
    const rotated = keyEntry(PROJECT, { id: rotating.id });
    const added = keyEntry(PROJECT);
    const after = byId(kept, rotated, added);
    const original = KeyIndex.build(before);
    const patched = original.patched(before, after, [rotating.id, removed.id, added.id]);
    expect(patched.get(kept.keyHash)?.entry).toBe(kept);
    expect(patched.get(rotating.keyHash)).toBeUndefined();
    expect(patched.get(rotated.keyHash)?.entry).toBe(rotated);
    expect(patched.get(removed.keyHash)).toBeUndefined();
    expect(patched.get(added.keyHash)?.entry).toBe(added);
    expect(original.get(rotating.keyHash)?.entry).toBe(rotating);
    expect(original.get(added.keyHash)).toBeUndefined();
  });

  it('stays correct when many changes fold the overlay into a new base', () => {
    let keys = byId(keyEntry(PROJECT));
    let index = KeyIndex.build(keys);
    const removedHashes: string[] = [];
    for (let i = 0; i < 600; i += 1) {
      const added = keyEntry(PROJECT);
      const [firstId] = Object.keys(keys);
      const next = { ...keys, [added.id]: added };
      if (i % 3 === 0 && firstId) {
        removedHashes.push(keys[firstId].keyHash);
        delete next[firstId];
      }
      index = index.patched(keys, next, i % 3 === 0 && firstId ? [added.id, firstId] : [added.id]);
      keys = next;
    }
    for (const key of Object.values(keys)) expect(index.get(key.keyHash)?.entry).toBe(key);
    for (const hash of removedHashes) expect(index.get(hash)).toBeUndefined();
  });
});
