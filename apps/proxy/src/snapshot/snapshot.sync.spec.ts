/**
 * SnapshotSync against real Redis. A TestRelay writes exactly like the api's outbox relay (snapshot,
 * version and events in one MULTI through SnapshotStore.save), and can also misbehave the ways
 * pub/sub and operations do: skip an event, store without publishing, publish garbage, restart
 * Redis empty. Each test uses its own key prefix.
 */
import { busKeys, createRedis, SnapshotStore, whenRedisReady, type BusKeys } from '@bastion/bus';
import { applyChange, type Change, type ChangeEvent, type Snapshot } from '@bastion/contracts';
import { startRedisServer, TEST_REDIS_URL, uniqueSuffix, type RedisServerProcess } from '@bastion/testing';
import type { Redis } from 'ioredis';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keyEntry, sampleWorld, serverEntry } from './snapshot.fixtures';
import { SnapshotSync } from './snapshot.sync';
import type { SnapshotSyncOptions, StateChange } from './snapshot-sync.types';

const NOW = new Date('2030-01-01T00:00:00.000Z');
const FAST: Partial<SnapshotSyncOptions> = { checkIntervalMs: 200, minRetryMs: 20, maxRetryMs: 200 };

/** Writes like the outbox relay does, with ways to simulate lost or missing messages. */
class TestRelay {
  constructor(
    private readonly store: SnapshotStore,
    public snapshot: Snapshot,
  ) {}

  /** Applies a change locally and returns its event, without writing anything. */
  next(change: Change): ChangeEvent {
    const event = { ...change, version: this.snapshot.version + 1 };
    const result = applyChange(this.snapshot, event);
    if (result.kind !== 'applied') throw new Error('TestRelay: change did not apply');
    this.snapshot = result.snapshot;
    return event;
  }

  /** Commits a change: stores the snapshot and publishes the event in one MULTI. */
  async commit(change: Change): Promise<ChangeEvent> {
    const event = this.next(change);
    await this.store.save(this.snapshot, [event]);
    return event;
  }

  /** Stores the current snapshot and publishes the given events (none: a lost message). */
  async save(events: ChangeEvent[] = []): Promise<void> {
    await this.store.save(this.snapshot, events);
  }
}

interface Harness {
  keys: BusKeys;
  sync: SnapshotSync;
  relay: TestRelay;
  writer: Redis;
  changes: Array<{ change: StateChange; at: number; version: number }>;
  logs: Array<{ level: string; message: string; fields: Record<string, unknown> }>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harness(
  options: { sync?: Partial<SnapshotSyncOptions>; url?: string; version?: number } = {},
): Promise<Harness & { world: ReturnType<typeof sampleWorld> }> {
  const url = options.url ?? TEST_REDIS_URL;
  const keys = busKeys(`test:sync:${uniqueSuffix()}:`);
  const [subscriber, redis, writer] = ['sub', 'cmd', 'relay'].map((name) =>
    createRedis({ url, connectionName: `snapshot-sync-spec-${name}` }),
  ) as [Redis, Redis, Redis];
  await Promise.all([subscriber, redis, writer].map((connection) => whenRedisReady(connection, 5_000)));
  const world = sampleWorld(options.version ?? 1);
  const changes: Harness['changes'] = [];
  const logs: Harness['logs'] = [];
  const sync = new SnapshotSync({
    subscriber,
    redis,
    keys,
    log: (level, message, fields) => logs.push({ level, message, fields }),
    onChange: (state, _previous, change) =>
      changes.push({ change, at: performance.now(), version: state.version }),
    options: options.sync ?? FAST,
  });
  cleanups.push(async () => {
    await sync.stop();
    await writer.del(keys.snapshot, keys.snapshotVersion).catch(() => undefined);
    for (const connection of [subscriber, redis, writer]) connection.disconnect();
  });
  return {
    keys,
    sync,
    relay: new TestRelay(new SnapshotStore(writer, keys), world.snapshot),
    writer,
    changes,
    logs,
    world,
  };
}

const reloads = (h: Harness) => h.logs.filter((log) => log.message === 'config snapshot reload requested');

describe(SnapshotSync.name, () => {
  it('boots from the stored snapshot and serves it', async () => {
    const h = await harness({ version: 3 });
    await h.relay.save();
    h.sync.start();
    const state = await h.sync.whenReady();
    expect(state.version).toBe(3);
    expect(state.resolveKey(h.world.key.keyHash, NOW).ok).toBe(true);
    expect(h.changes[0]?.change.cause).toBe('initial');
    expect(h.changes[0]?.change.changed.servers.size).toBe(3);
    expect(h.sync.health()).toMatchObject({ ready: true, degraded: false, version: 3, redis: 'up' });
  });

  it('applies published changes in version order as they are pushed, not at the next check', async () => {
    // Checks every 5 s here, so arriving well within that shows the push; the 100 ms p99 is the bench's to measure.
    const h = await harness({ sync: { ...FAST, checkIntervalMs: 5_000 } });
    await h.relay.save();
    h.sync.start();
    await h.sync.whenReady();
    const added = keyEntry(h.world.project.id);
    const server = serverEntry(h.world.config.id, 'beta');
    const events = [
      await h.relay.commit({ op: 'upsert', entity: 'keys', id: added.id, data: added }),
      await h.relay.commit({ op: 'upsert', entity: 'servers', id: server.id, data: server }),
      await h.relay.commit({ op: 'delete', entity: 'keys', id: h.world.key.id }),
    ];
    const sent = performance.now();
    await vi.waitFor(() => expect(h.sync.version).toBe(4), { timeout: 2_000, interval: 1 });
    expect(performance.now() - sent).toBeLessThan(1_000);
    const applied = h.changes.flatMap(({ change }) => change.events);
    expect(applied).toEqual(events);
    expect(h.changes.at(-1)?.change.changed.keys).toEqual(new Set([h.world.key.id]));
    const state = h.sync.current()!;
    expect(state.resolveKey(h.world.key.keyHash, NOW)).toEqual({ ok: false, reason: 'unknown' });
    const resolved = state.resolveKey(added.keyHash, NOW);
    expect(resolved.ok && resolved.servers.map((s) => s.name)).toEqual(['alpha', 'beta', 'zeta']);
    expect(reloads(h)).toHaveLength(1);
    expect(h.sync.lastAppliedAt).not.toBeNull();
  });

  it('reloads on a missed event and ends at the newer version', async () => {
    const h = await harness({ version: 5 });
    await h.relay.save();
    h.sync.start();
    await h.sync.whenReady();
    h.relay.next({ op: 'delete', entity: 'servers', id: h.world.servers[0].id });
    const disabled = { ...h.world.key, status: 'disabled' as const };
    const last = h.relay.next({ op: 'upsert', entity: 'keys', id: disabled.id, data: disabled });
    await h.relay.save([last]);
    await vi.waitFor(() => expect(h.sync.version).toBe(7), { timeout: 5_000, interval: 2 });
    const change = h.changes.at(-1)!.change;
    expect(change.cause).toBe('reload');
    expect(change.changed.servers).toEqual(new Set([h.world.servers[0].id]));
    expect(change.changed.keys).toEqual(new Set([h.world.key.id]));
    expect(h.sync.current()?.resolveKey(h.world.key.keyHash, NOW)).toEqual({ ok: false, reason: 'disabled' });
  });

  it('reloads on a reset, even one at the version it already serves', async () => {
    const h = await harness({ version: 4 });
    await h.relay.save();
    h.sync.start();
    await h.sync.whenReady();
    // A rebuild after a Redis restart: same version, content straight from Postgres.
    const disabled = { ...h.world.key, status: 'disabled' as const };
    h.relay.snapshot = { ...h.relay.snapshot, keys: { [disabled.id]: disabled } };
    await h.relay.save([{ version: 4, op: 'reset' }]);
    await vi.waitFor(() => expect(h.changes.at(-1)?.change.cause).toBe('reload'), {
      timeout: 5_000,
      interval: 2,
    });
    expect(h.sync.current()?.resolveKey(h.world.key.keyHash, NOW)).toEqual({ ok: false, reason: 'disabled' });
  });

  it('follows a reset to an older version (restored database)', async () => {
    const h = await harness({ version: 9 });
    await h.relay.save();
    h.sync.start();
    await h.sync.whenReady();
    h.relay.snapshot = { ...h.relay.snapshot, version: 6 };
    await h.relay.save([{ version: 6, op: 'reset' }]);
    await vi.waitFor(() => expect(h.sync.version).toBe(6), { timeout: 5_000, interval: 2 });
  });

  it('finds a change whose message was never published with the periodic check', async () => {
    const h = await harness({ sync: { ...FAST, checkIntervalMs: 100 } });
    await h.relay.save();
    h.sync.start();
    await h.sync.whenReady();
    h.relay.next({ op: 'delete', entity: 'policies', id: h.world.policy.id });
    await h.relay.save();
    await vi.waitFor(() => expect(h.sync.version).toBe(2), { timeout: 5_000, interval: 5 });
    expect(h.sync.current()?.policy(h.world.policy.id)).toBeUndefined();
    expect(reloads(h).at(-1)?.fields['reason']).toBe('change event missed (periodic check)');
  });

  it('reloads after an unreadable message instead of failing', async () => {
    const h = await harness();
    await h.relay.save();
    h.sync.start();
    await h.sync.whenReady();
    h.relay.next({ op: 'delete', entity: 'policies', id: h.world.policy.id });
    await h.relay.save();
    await h.writer.publish(h.keys.configEvents, '{"version": "two"');
    await vi.waitFor(() => expect(h.sync.version).toBe(2), { timeout: 5_000, interval: 2 });
    expect(h.logs.some((log) => log.level === 'warn' && log.message.includes('unreadable'))).toBe(true);
  });

  it('waits for a snapshot that appears only after start', async () => {
    const h = await harness();
    h.sync.start();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(h.sync.current()).toBeNull();
    expect(h.sync.health()).toMatchObject({
      ready: false,
      degraded: true,
      reason: 'no readable snapshot in Redis yet',
    });
    await h.relay.save();
    const state = await h.sync.whenReady();
    expect(state.version).toBe(1);
  });

  it('stops listening on stop()', async () => {
    const h = await harness();
    await h.relay.save();
    h.sync.start();
    await h.sync.whenReady();
    await h.sync.stop();
    await h.relay.commit({ op: 'delete', entity: 'policies', id: h.world.policy.id });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.sync.version).toBe(1);
    const [, subscribers] = (await h.writer.pubsub('NUMSUB', h.keys.configEvents)) as [string, number];
    expect(subscribers).toBe(0);
  });

  it('applies 200 changes with p99 publish-to-applied latency under 100 ms', async () => {
    const h = await harness();
    await h.relay.save();
    h.sync.start();
    await h.sync.whenReady();
    const sentAt = new Map<number, number>();
    for (let i = 0; i < 200; i += 1) {
      const key = keyEntry(h.world.project.id);
      sentAt.set(h.relay.snapshot.version + 1, performance.now());
      await h.relay.commit({ op: 'upsert', entity: 'keys', id: key.id, data: key });
    }
    await vi.waitFor(() => expect(h.sync.version).toBe(201), { timeout: 5_000, interval: 2 });
    const latencies = h.changes
      .flatMap(({ change, at }) => change.events.map((event) => at - sentAt.get(event.version)!))
      .sort((a, b) => a - b);
    expect(latencies).toHaveLength(200);
    const p99 = latencies[Math.ceil(latencies.length * 0.99) - 1];
    if (process.env['SNAPSHOT_SYNC_BENCH']) {
      const p50 = latencies[Math.ceil(latencies.length * 0.5) - 1];
      process.stderr.write(`snapshot sync latency p50=${p50.toFixed(3)}ms p99=${p99.toFixed(3)}ms\n`);
    }
    expect(p99).toBeLessThan(100);
    expect(reloads(h)).toHaveLength(1);
  });
});

describe(`${SnapshotSync.name} across a Redis outage`, () => {
  let server: RedisServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
  });

  it('keeps serving while Redis is down, reports it, and resumes when it is back', async () => {
    server = await startRedisServer();
    const h = await harness({ url: server.url });
    await h.relay.save();
    h.sync.start();
    await h.sync.whenReady();

    await server.stop();
    await vi.waitFor(() => expect(h.sync.health().redis).toBe('down'), { timeout: 5_000, interval: 10 });
    expect(h.sync.health()).toMatchObject({ ready: true, degraded: true, version: 1 });
    expect(h.sync.current()?.resolveKey(h.world.key.keyHash, NOW).ok).toBe(true);

    // Redis comes back empty (no persistence); the relay rebuilds the snapshot and announces a reset.
    await server.start();
    await whenRedisReady(h.writer, 5_000);
    const disabled = { ...h.world.key, status: 'disabled' as const };
    h.relay.next({ op: 'upsert', entity: 'keys', id: disabled.id, data: disabled });
    await h.relay.save([{ version: 2, op: 'reset' }]);
    await vi.waitFor(() => expect(h.sync.version).toBe(2), { timeout: 5_000, interval: 10 });
    expect(h.sync.current()?.resolveKey(h.world.key.keyHash, NOW)).toEqual({ ok: false, reason: 'disabled' });
    expect(reloads(h).map((log) => log.fields['reason'])).toContain('Redis reconnected');

    const again = await h.relay.commit({ op: 'delete', entity: 'policies', id: h.world.policy.id });
    await vi.waitFor(() => expect(h.sync.version).toBe(again.version), { timeout: 5_000, interval: 2 });
    await vi.waitFor(() => expect(h.sync.health()).toMatchObject({ redis: 'up', degraded: false }), {
      timeout: 3_000,
      interval: 10,
    });
  });
});
