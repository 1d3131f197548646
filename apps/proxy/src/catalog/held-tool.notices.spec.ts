import { createRedis, whenRedisReady } from '@bastion/bus';
import { fixtureServerEntry, startRedisServer, TEST_REDIS_URL, uniqueSuffix } from '@bastion/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeldToolNotices, type NoticeScope } from './held-tool.notices';
import type { HeldTool } from './tool-pins.gate';

// Two notice instances (two workers) sharing real Redis; a private redis-server for the outage.

const server = fixtureServerEntry('rug-pull', { name: 'rug' });
const held = (hash: string): HeldTool => ({
  server,
  toolName: 'get_weather',
  exposed: 'rug__get_weather',
  hash,
  reason: 'changed',
  lookalike: null,
});

describe(HeldToolNotices.name, () => {
  const prefix = `test:${uniqueSuffix()}:`;
  const redis = createRedis({ url: TEST_REDIS_URL, connectionName: 'held-notices-spec' });
  const opened: Redis[] = [];

  /** A worker's notices and what it told (session, hash). */
  function worker(connection: Redis = redis) {
    const told: string[] = [];
    const notices = new HeldToolNotices({
      redis: connection,
      prefix,
      notify: (scope: NoticeScope, tool: HeldTool) => told.push(`${scope.sessionId} ${tool.hash}`),
    });
    return { notices, told };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
  const waitFor = async (check: () => boolean) => {
    for (const deadline = Date.now() + 2_000; !check() && Date.now() < deadline; ) await settle();
    expect(check()).toBe(true);
  };

  beforeAll(() => whenRedisReady(redis, 5_000));
  afterAll(async () => {
    const stored = await redis.keys(`${prefix}*`);
    if (stored.length > 0) await redis.del(...stored);
    for (const connection of [redis, ...opened]) connection.disconnect();
  });

  it('tells a session once per tool definition, whichever worker serves its listings', async () => {
    const [one, two] = [worker(), worker()];
    const scope = { projectId: 'p', sessionId: `s-${uniqueSuffix()}` };
    one.notices.announce(scope, [held('h1')]);
    await waitFor(() => one.told.length === 1);
    one.notices.announce(scope, [held('h1')]);
    two.notices.announce(scope, [held('h1')]);
    await settle();
    expect([...one.told, ...two.told]).toEqual([`${scope.sessionId} h1`]);

    two.notices.announce(scope, [held('h2')]); // the tool changed again: news
    two.notices.announce({ ...scope, sessionId: 'other' }, [held('h1')]); // another session
    await waitFor(() => two.told.length === 2);
    expect(two.told.sort()).toEqual([`${scope.sessionId} h2`, 'other h1'].sort());
  });

  it('tells nothing while Redis is down, and tells on the next listing once it is back', async () => {
    const outage = await startRedisServer();
    const connection = createRedis({ url: outage.url, connectionName: 'held-notices-spec-outage' });
    opened.push(connection);
    await whenRedisReady(connection, 5_000);
    const { notices, told } = worker(connection);
    const scope = { projectId: 'p', sessionId: `s-${uniqueSuffix()}` };
    await outage.stop();
    notices.announce(scope, [held('h1')]);
    await settle();
    expect(told).toEqual([]);

    await outage.start();
    await whenRedisReady(connection, 5_000);
    notices.announce(scope, [held('h1')]);
    await waitFor(() => told.length === 1);
    await outage.stop();
  });
});
