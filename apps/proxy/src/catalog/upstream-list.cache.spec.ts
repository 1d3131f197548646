import { busKeys, createRedis, whenRedisReady } from '@bastion/bus';
import { fixtureServerEntry, startRedisServer, TEST_REDIS_URL, uniqueSuffix } from '@bastion/testing';
import { UpstreamPool } from '@bastion/upstream';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamListCache, type ListKind, type ListLookupResult } from './upstream-list.cache';

// How each list lookup is answered, as the bastion_tool_cache_lookups_total counter sees it: a real
// echo fixture behind a real pool, the shared cache on real Redis (a private redis-server for the
// outage), two caches on one Redis standing for two workers.

describe(UpstreamListCache.name, () => {
  const prefix = `test:${uniqueSuffix()}:`;
  const keys = busKeys(prefix);
  const redis = createRedis({ url: TEST_REDIS_URL, connectionName: 'list-cache-spec' });
  const pool = new UpstreamPool({
    openSecret: (sealed) => sealed,
    maxProcesses: 4,
    idleMs: 60_000,
    maxResponseBytes: 1024 * 1024,
    slowCallWarnRatio: 0.8,
    log: () => undefined,
  });
  const echo = fixtureServerEntry('echo');
  const opened: Redis[] = [];

  /** A cache (one worker's) with the lookups it reported. */
  function worker(connection: Redis = redis) {
    const lookups: Array<[ListKind, ListLookupResult]> = [];
    const cache = new UpstreamListCache(pool, connection, keys, 60_000, (kind, result) =>
      lookups.push([kind, result]),
    );
    return { cache, lookups };
  }

  beforeAll(() => whenRedisReady(redis, 5_000));
  afterAll(async () => {
    await pool.close();
    const stored = await redis.keys(`${prefix}*`);
    if (stored.length > 0) await redis.del(...stored);
    for (const connection of [redis, ...opened]) connection.disconnect();
  });

  it('counts a miss for the first lookup and a hit for the next one', async () => {
    const { cache, lookups } = worker();
    const projectId = randomUUID();
    const first = await cache.get('tools', projectId, echo, 's1');
    const second = await cache.get('tools', projectId, echo, 's1');
    expect(second).toBe(first);
    expect(first.map((tool) => tool['name'])).toContain('echo');
    expect(lookups).toEqual([
      ['tools', 'miss'],
      ['tools', 'hit'],
    ]);
  });

  it("counts another worker's lookup of a list in Redis as a hit", async () => {
    const projectId = randomUUID();
    const [one, two] = [worker(), worker()];
    await one.cache.get('tools', projectId, echo, 's1');
    await two.cache.get('tools', projectId, echo, 's2');
    expect(one.lookups).toEqual([['tools', 'miss']]);
    expect(two.lookups).toEqual([['tools', 'hit']]);
  });

  it('counts a lookup that joins a fetch under way as a hit: misses count upstream fetches', async () => {
    const { cache, lookups } = worker();
    const projectId = randomUUID();
    const [a, b] = await Promise.all([
      cache.get('tools', projectId, echo, 's1'),
      cache.get('tools', projectId, echo, 's2'),
    ]);
    expect(b).toBe(a);
    expect(lookups.map(([, result]) => result).sort()).toEqual(['hit', 'miss']);
  });

  it('counts an error when Redis cannot be read, and still answers from the upstream', async () => {
    const server = await startRedisServer();
    const connection = createRedis({ url: server.url, connectionName: 'list-cache-spec-outage' });
    opened.push(connection);
    await whenRedisReady(connection, 5_000);
    await server.stop();
    const { cache, lookups } = worker(connection);
    const tools = await cache.get('tools', randomUUID(), echo, 's1');
    expect(tools.map((tool) => tool['name'])).toContain('echo');
    expect(lookups).toEqual([['tools', 'error']]);
  });
});
