import { applyChange, type ChangeEvent, type Snapshot } from '@bastion/contracts';
import { describe, expect, it } from 'vitest';
import { ServingState } from './serving.state';
import { byId, configEntry, keyEntry, projectEntry, sampleWorld, serverEntry } from './snapshot.fixtures';

const NOW = new Date('2030-01-01T00:00:00.000Z');

function applyAll(snapshot: Snapshot, events: ChangeEvent[]): Snapshot {
  return events.reduce((current, event) => {
    const result = applyChange(current, event);
    if (result.kind !== 'applied') throw new Error(`expected ${event.version} to apply`);
    return result.snapshot;
  }, snapshot);
}

describe(ServingState.name, () => {
  describe('resolveKey', () => {
    it('resolves an active key to its project, config and enabled servers sorted by name', () => {
      const world = sampleWorld();
      const result = ServingState.fromSnapshot(world.snapshot).resolveKey(world.key.keyHash, NOW);
      if (!result.ok) throw new Error(result.reason);
      expect(result.key).toBe(world.key);
      expect(result.project).toBe(world.project);
      expect(result.config).toBe(world.config);
      expect(result.servers.map((server) => server.name)).toEqual(['alpha', 'zeta']);
      expect(Object.isFrozen(result.servers)).toBe(true);
    });

    it('rejects an unknown hash', () => {
      const state = ServingState.fromSnapshot(sampleWorld().snapshot);
      expect(state.resolveKey('0'.repeat(64), NOW)).toEqual({ ok: false, reason: 'unknown' });
    });

    it('rejects a disabled key', () => {
      const world = sampleWorld();
      const key = keyEntry(world.project.id, { status: 'disabled' });
      const state = ServingState.fromSnapshot({ ...world.snapshot, keys: byId(key) });
      expect(state.resolveKey(key.keyHash, NOW)).toEqual({ ok: false, reason: 'disabled' });
    });

    it('rejects a key from its expiry instant on, and accepts it just before', () => {
      const world = sampleWorld();
      const key = keyEntry(world.project.id, { expiresAt: '2030-01-01T01:00:00+01:00' });
      const state = ServingState.fromSnapshot({ ...world.snapshot, keys: byId(key) });
      expect(state.resolveKey(key.keyHash, NOW)).toEqual({ ok: false, reason: 'expired' });
      expect(state.resolveKey(key.keyHash, new Date(NOW.getTime() - 1)).ok).toBe(true);
    });

    it('rejects a key whose project is gone', () => {
      const world = sampleWorld();
      const state = ServingState.fromSnapshot({ ...world.snapshot, projects: {} });
      expect(state.resolveKey(world.key.keyHash, NOW)).toEqual({ ok: false, reason: 'no-project' });
    });

    it('gives a project without config no config and no servers', () => {
      const world = sampleWorld();
      const project = projectEntry(null);
      const key = keyEntry(project.id);
      const state = ServingState.fromSnapshot({
        ...world.snapshot,
        projects: byId(project),
        keys: byId(key),
      });
      expect(state.resolveKey(key.keyHash, NOW)).toMatchObject({ ok: true, config: null, servers: [] });
    });

    it('treats a config id that points nowhere like no config', () => {
      const world = sampleWorld();
      const state = ServingState.fromSnapshot({ ...world.snapshot, configs: {} });
      expect(state.resolveKey(world.key.keyHash, NOW)).toMatchObject({ ok: true, config: null, servers: [] });
    });

    it('gives a config whose servers are all disabled an empty list', () => {
      const config = configEntry();
      const project = projectEntry(config.id);
      const key = keyEntry(project.id);
      const state = ServingState.fromSnapshot({
        ...sampleWorld().snapshot,
        keys: byId(key),
        projects: byId(project),
        configs: byId(config),
        servers: byId(serverEntry(config.id, 'a', { enabled: false })),
      });
      expect(state.resolveKey(key.keyHash, NOW)).toMatchObject({ ok: true, config, servers: [] });
    });
  });

  it('looks up policies, servers and projects by id', () => {
    const world = sampleWorld(7);
    const state = ServingState.fromSnapshot(world.snapshot);
    expect(state.version).toBe(7);
    expect(state.policy(world.policy.id)).toBe(world.policy);
    expect(state.server(world.servers[2].id)?.enabled).toBe(false);
    expect(state.project(world.project.id)).toBe(world.project);
    expect(state.policy('missing')).toBeUndefined();
    expect(state.serversOfConfig(world.config.id)).toHaveLength(2);
  });

  describe('withEvents', () => {
    it('follows key revocations, rotations and additions without touching the previous state', () => {
      const world = sampleWorld(1);
      const before = ServingState.fromSnapshot(world.snapshot);
      const rotated = keyEntry(world.project.id, { id: world.key.id });
      const added = keyEntry(world.project.id);
      const events: ChangeEvent[] = [
        { version: 2, op: 'upsert', entity: 'keys', id: rotated.id, data: rotated },
        { version: 3, op: 'upsert', entity: 'keys', id: added.id, data: added },
        { version: 4, op: 'delete', entity: 'keys', id: added.id },
      ];
      const after = before.withEvents(applyAll(world.snapshot, events), events);
      expect(after.version).toBe(4);
      expect(after.resolveKey(world.key.keyHash, NOW)).toEqual({ ok: false, reason: 'unknown' });
      expect(after.resolveKey(rotated.keyHash, NOW).ok).toBe(true);
      expect(after.resolveKey(added.keyHash, NOW)).toEqual({ ok: false, reason: 'unknown' });
      expect(before.resolveKey(world.key.keyHash, NOW).ok).toBe(true);
      expect(before.resolveKey(rotated.keyHash, NOW).ok).toBe(false);
    });

    it('rebuilds server lists when servers change, and keeps them when only projects change', () => {
      const world = sampleWorld(1);
      const before = ServingState.fromSnapshot(world.snapshot);
      const beta = serverEntry(world.config.id, 'beta');
      const disabled = { ...world.servers[0], enabled: false };
      const renamed = { ...world.project, name: 'renamed' };
      const events: ChangeEvent[] = [
        { version: 2, op: 'upsert', entity: 'servers', id: beta.id, data: beta },
        { version: 3, op: 'upsert', entity: 'servers', id: disabled.id, data: disabled },
      ];
      const after = before.withEvents(applyAll(world.snapshot, events), events);
      expect(after.serversOfConfig(world.config.id).map((server) => server.name)).toEqual(['alpha', 'beta']);
      expect(before.serversOfConfig(world.config.id).map((server) => server.name)).toEqual(['alpha', 'zeta']);

      const projectEvent: ChangeEvent = {
        version: 4,
        op: 'upsert',
        entity: 'projects',
        id: renamed.id,
        data: renamed,
      };
      const later = after.withEvents(applyAll(after.snapshot, [projectEvent]), [projectEvent]);
      expect(later.serversOfConfig(world.config.id)).toBe(after.serversOfConfig(world.config.id));
      const resolved = later.resolveKey(world.key.keyHash, NOW);
      expect(resolved.ok && resolved.project.name).toBe('renamed');
    });
  });
});
