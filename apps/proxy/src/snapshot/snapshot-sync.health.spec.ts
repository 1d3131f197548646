import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { computeSyncHealth, type SyncHealthInputs } from './snapshot-sync.health';

const up = { status: 'ready' } as Redis;
const down = { status: 'reconnecting' } as Redis;
const NOW = new Date('2030-01-01T00:00:10.000Z');

const inputs = (overrides: Partial<SyncHealthInputs>): SyncHealthInputs => ({
  connections: [up, up],
  ready: true,
  version: 4,
  lastSyncAt: new Date(NOW.getTime() - 1_000),
  checkIntervalMs: 1_000,
  problem: undefined,
  now: NOW,
  ...overrides,
});

describe(computeSyncHealth.name, () => {
  it('is healthy when synced within three check intervals', () => {
    expect(computeSyncHealth(inputs({}))).toEqual({
      ready: true,
      degraded: false,
      version: 4,
      lastSyncAt: new Date(NOW.getTime() - 1_000),
      redis: 'up',
    });
  });

  it('is degraded when a connection is down, or no sync succeeded for three intervals', () => {
    expect(computeSyncHealth(inputs({ connections: [up, down] }))).toMatchObject({
      degraded: true,
      redis: 'down',
      reason: 'Redis connection down',
    });
    const stale = computeSyncHealth(inputs({ lastSyncAt: new Date(NOW.getTime() - 3_001) }));
    expect(stale).toMatchObject({ degraded: true, redis: 'up', reason: 'no successful sync for 3001 ms' });
  });

  it('says why it is not ready', () => {
    const health = computeSyncHealth(
      inputs({ ready: false, lastSyncAt: null, problem: 'no snapshot in Redis yet' }),
    );
    expect(health).toMatchObject({ ready: false, degraded: true, reason: 'no snapshot in Redis yet' });
  });

  it('counts the in-process stand-in (no status) as up', () => {
    expect(computeSyncHealth(inputs({ connections: [{} as Redis] })).redis).toBe('up');
  });
});
