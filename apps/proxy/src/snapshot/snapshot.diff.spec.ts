import type { ChangeEvent } from '@bastion/contracts';
import { describe, expect, it } from 'vitest';
import { diffSnapshots, idsTouchedBy } from './snapshot.diff';
import { byId, sampleWorld, serverEntry } from './snapshot.fixtures';

describe(diffSnapshots.name, () => {
  it('finds added, modified and removed entries per entity, ignoring equal copies', () => {
    const world = sampleWorld(1);
    const [zeta, alpha, off] = world.servers;
    const added = serverEntry(world.config.id, 'new');
    const after = {
      ...structuredClone(world.snapshot),
      version: 5,
      servers: byId(structuredClone(zeta), { ...alpha, url: 'http://elsewhere' }, added),
    };
    const changed = diffSnapshots(world.snapshot, after);
    expect([...changed.servers].sort()).toEqual([alpha.id, off.id, added.id].sort());
    expect(changed.keys.size).toBe(0);
    expect(changed.projects.size).toBe(0);
  });

  it('reports everything as new without a previous snapshot', () => {
    const world = sampleWorld(1);
    const changed = diffSnapshots(null, world.snapshot);
    expect(changed.servers.size).toBe(3);
    expect(changed.keys).toEqual(new Set([world.key.id]));
  });
});

describe(idsTouchedBy.name, () => {
  it('collects the ids of upserts and deletes per entity', () => {
    const world = sampleWorld(1);
    const events: ChangeEvent[] = [
      { version: 2, op: 'delete', entity: 'servers', id: world.servers[0].id },
      { version: 3, op: 'upsert', entity: 'keys', id: world.key.id, data: world.key },
      { version: 4, op: 'reset' },
    ];
    const changed = idsTouchedBy(events);
    expect(changed.servers).toEqual(new Set([world.servers[0].id]));
    expect(changed.keys).toEqual(new Set([world.key.id]));
    expect(changed.policies.size).toBe(0);
  });
});
