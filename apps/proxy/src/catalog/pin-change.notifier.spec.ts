import { busKeys, createRedis, whenRedisReady } from '@bastion/bus';
import { emptySnapshot, type Snapshot, type ToolPinEntry } from '@bastion/contracts';
import { TEST_REDIS_URL, uniqueSuffix } from '@bastion/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServingState } from '../snapshot';
import { diffSnapshots } from '../snapshot/snapshot.diff';
import { byId, configEntry, projectEntry, serverEntry } from '../snapshot/snapshot.fixtures';
import { PinChangeNotifier } from './pin-change.notifier';

// Two notifiers (two workers) on real Redis, seeing the same pin changes.

describe(PinChangeNotifier.name, () => {
  const prefix = `test:${uniqueSuffix()}:`;
  const keys = busKeys(prefix);
  const redis = createRedis({ url: TEST_REDIS_URL, connectionName: 'notifier-spec' });
  const subscriber = createRedis({ url: TEST_REDIS_URL, connectionName: 'notifier-spec-sub' });
  const workers = [new PinChangeNotifier(redis, keys, prefix), new PinChangeNotifier(redis, keys, prefix)];
  const config = configEntry();
  const server = serverEntry(config.id, 'files');
  const project = projectEntry(config.id);
  const bystander = projectEntry(null);
  const received: string[] = [];
  let version = 0;
  let current: ServingState;

  beforeAll(async () => {
    await Promise.all([whenRedisReady(redis, 5_000), whenRedisReady(subscriber, 5_000)]);
    subscriber.on('message', (channel: string, message: string) => received.push(`${channel} ${message}`));
    await subscriber.subscribe(keys.projectChannel(project.id), keys.projectChannel(bystander.id));
    current = state([]);
  });
  afterAll(async () => {
    const stored = await redis.keys(`${prefix}*`);
    if (stored.length > 0) await redis.del(...stored);
    subscriber.disconnect();
    redis.disconnect();
  });

  function state(pins: ToolPinEntry[]): ServingState {
    version += 1;
    const snapshot: Snapshot = {
      ...emptySnapshot(),
      version,
      configs: byId(config),
      servers: byId(server),
      projects: byId(project, bystander),
      toolPins: byId(...pins),
    };
    return ServingState.fromSnapshot(snapshot);
  }

  async function apply(pins: ToolPinEntry[]): Promise<string[]> {
    const next = state(pins);
    const change = {
      cause: 'events' as const,
      events: [],
      changed: diffSnapshots(current.snapshot, next.snapshot),
    };
    for (const worker of workers) worker.onStateChange(next, current, change);
    current = next;
    await new Promise((resolve) => setTimeout(resolve, 150));
    return received.splice(0);
  }

  const pin: ToolPinEntry = {
    id: randomUUID(),
    serverId: server.id,
    toolName: 'read',
    status: 'approved',
    approvedHash: 'a'.repeat(64),
    pendingHash: null,
  };
  const announcement = `${keys.projectChannel(project.id)} {"jsonrpc":"2.0","method":"notifications/tools/list_changed","params":{}}`;

  it('announces nothing for a tool trusted on first use', async () => {
    expect(await apply([pin])).toEqual([]);
  });

  it('announces a held-back version once, to the projects of the server only', async () => {
    expect(await apply([{ ...pin, status: 'pending', pendingHash: 'b'.repeat(64) }])).toEqual([announcement]);
  });

  it('announces an approval and a forgotten pin', async () => {
    expect(await apply([{ ...pin, approvedHash: 'b'.repeat(64) }])).toEqual([announcement]);
    expect(await apply([])).toEqual([announcement]);
  });
});
