import { emptySnapshot, type ChangeEvent } from '@bastion/contracts';
import { TEST_REDIS_URL, uniqueSuffix } from '@bastion/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busKeys } from './bus-keys';
import { createRedis, whenRedisReady } from './redis.factory';
import { SnapshotStore } from './snapshot.store';

const PROJECT_ID = '00000000-0000-4000-8000-000000000001';

describe(SnapshotStore.name, () => {
  const keys = busKeys(`test:${uniqueSuffix()}:`);
  const redis = createRedis({ url: TEST_REDIS_URL, connectionName: 'bus-spec' });
  const store = new SnapshotStore(redis, keys);
  beforeAll(() => whenRedisReady(redis, 5_000));
  afterAll(async () => {
    await redis.del(keys.snapshot, keys.snapshotVersion);
    redis.disconnect();
  });

  it('has nothing before the first save', async () => {
    expect(await store.version()).toBeNull();
    expect(await store.load()).toBeNull();
  });

  it('saves a snapshot and publishes its events only once the snapshot is readable', async () => {
    const subscriber = redis.duplicate();
    await whenRedisReady(subscriber, 5_000);
    const seen: Array<{ event: ChangeEvent; snapshotVersion: number | null }> = [];
    await subscriber.subscribe(keys.configEvents);
    const received = new Promise<void>((resolve) => {
      subscriber.on('message', (_channel, message) => {
        void store.version().then((snapshotVersion) => {
          seen.push({ event: JSON.parse(message) as ChangeEvent, snapshotVersion });
          resolve();
        });
      });
    });
    const snapshot = {
      ...emptySnapshot(),
      version: 1,
      projects: { [PROJECT_ID]: { id: PROJECT_ID, name: 'p', mcpConfigId: null } },
    };
    const event: ChangeEvent = {
      version: 1,
      op: 'upsert',
      entity: 'projects',
      id: PROJECT_ID,
      data: { id: PROJECT_ID, name: 'p', mcpConfigId: null },
    };
    await store.save(snapshot, [event]);
    await received;
    expect(seen[0]).toEqual({ event, snapshotVersion: 1 });
    expect(await store.load()).toEqual(snapshot);
    subscriber.disconnect();
  });

  it('treats an unreadable snapshot as absent', async () => {
    await redis.set(keys.snapshot, JSON.stringify({ version: 'x' }));
    expect(await store.load()).toBeNull();
  });
});

describe(createRedis.name, () => {
  it('gives an in-process stand-in without a URL, shared between connections', async () => {
    const a = createRedis({ url: undefined, connectionName: 'a' });
    const b = createRedis({ url: undefined, connectionName: 'b' });
    const key = `stand-in:${uniqueSuffix()}`;
    await a.set(key, 'shared');
    expect(await b.get(key)).toBe('shared');
  });

  it('reports the first error of an outage once and fails commands fast', async () => {
    const errors: Error[] = [];
    const redis = createRedis({
      url: 'redis://127.0.0.1:1',
      connectionName: 'down',
      onError: (e) => errors.push(e),
    });
    await expect(redis.ping()).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(errors).toHaveLength(1);
    redis.disconnect();
  });
});
