// The outbox relay against a real, private redis-server that the test kills and restarts: writes
// keep succeeding while Redis is down, and every committed change reaches Redis once it is back.
// The harness reads the snapshot from the api's Redis (this private one) with a client that retries.
import { CLOSE_TIMEOUT_MS, busKeys } from '@bastion/bus';
import type { ChangeEvent } from '@bastion/contracts';
import { startRedisServer, type RedisServerProcess } from '@bastion/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApi, type ApiHarness } from './api-harness';

describe('config outbox relay', () => {
  let redisServer: RedisServerProcess;
  let api: ApiHarness;

  const projectNames = async () =>
    Object.values((await api.snapshot()).projects)
      .map((p) => p.name)
      .sort();

  beforeAll(async () => {
    redisServer = await startRedisServer();
    api = await startApi({ REDIS_URL: redisServer.url });
  });
  let closed = false;
  afterAll(async () => {
    if (!closed) await api?.close();
    await redisServer?.stop();
  });

  it('publishes every change in version order with a snapshot that contains it', async () => {
    // The relay's first pass builds the snapshot from Postgres; changes racing it arrive as a reset.
    await api.waitForSnapshot(() => true, 10_000);
    const subscriber = new Redis(redisServer.url);
    const events: ChangeEvent[] = [];
    await subscriber.subscribe(busKeys(api.redisPrefix).configEvents);
    subscriber.on('message', (_channel, message) => events.push(JSON.parse(message) as ChangeEvent));
    for (const name of ['alpha', 'beta', 'gamma']) await api.createProject(name); // each asserts its 201
    await vi.waitFor(() => expect(events.filter((e) => e.op === 'upsert')).toHaveLength(3), {
      timeout: 5_000,
    });
    const versions = events.map((event) => event.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(await projectNames()).toEqual(['alpha', 'beta', 'gamma']);
    expect((await api.snapshot()).version).toBe(Math.max(...versions));
    subscriber.disconnect();
  });

  it('keeps accepting writes while Redis is down and publishes them when it is back', async () => {
    await redisServer.stop();
    await api.createProject('written-during-outage'); // asserts the 201
    // The outbox is internal: its rows are read straight from Postgres.
    const pending = await api.query(
      'SELECT count(*)::int AS n FROM config_outbox WHERE published_at IS NULL',
    );
    expect(pending.rows[0].n).toBeGreaterThan(0);

    // A restarted redis-server without persistence comes back empty: the relay must rebuild.
    await redisServer.start();
    await vi.waitFor(async () => expect(await projectNames()).toContain('written-during-outage'), {
      timeout: 10_000,
      interval: 100,
    });
    expect(await projectNames()).toEqual(['alpha', 'beta', 'gamma', 'written-during-outage']);
    const left = await api.query('SELECT count(*)::int AS n FROM config_outbox WHERE published_at IS NULL');
    expect(left.rows[0].n).toBe(0);
    expect((await api.snapshot()).version).toBe(await api.configVersion());
  });

  it('reports Redis on /readyz, ready again once its connections are back', async () => {
    // The api's own clients reconnect with a backoff of up to 2 s, so the restart above may still show.
    await vi.waitFor(
      async () => {
        const ready = await api.request('GET', '/readyz', { key: null });
        expect(ready.status).toBe(200);
        expect(ready.body).toMatchObject({
          status: 'ready',
          checks: { postgres: { ok: true }, redis: { ok: true }, queue: { ok: true } },
        });
      },
      { timeout: 10_000, interval: 200 },
    );
  });

  it('reports Redis down on /readyz while it is down, and shuts down without waiting for it', async () => {
    await redisServer.stop();
    const ready = await api.request('GET', '/readyz', { key: null });
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      status: 'unavailable',
      checks: { postgres: { ok: true }, redis: { ok: false }, queue: { ok: false } },
    });
    const started = Date.now();
    await api.close(); // a graceful BullMQ close would wait for Redis; without it, workers close at once
    expect(Date.now() - started).toBeLessThan(CLOSE_TIMEOUT_MS);
    closed = true;
  });
});
