// Upstream list_changed notifications reach clients' GET streams, on the worker that runs the
// upstream and, through Redis, on any other worker; the cached tool list is dropped on the way.
import { busKeys, createRedis, whenRedisReady } from '@bastion/bus';
import { fixtureServerEntry, TEST_REDIS_URL } from '@bastion/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  LoggingMessageNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { generateApiKey, hashApiKey } from '@bastion/crypto';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ProxyHarness, waitFor, type TestProject } from './proxy-harness';
import { openGetStream, openSession } from './support/raw-mcp';
import { connectSplit, waitForSubscribers } from './support/sdk-clients';

describe('list_changed over GET streams', () => {
  const harness = new ProxyHarness();
  const redis = createRedis({ url: TEST_REDIS_URL, connectionName: 'list-changed-spec' });
  const clients: Client[] = [];
  let workerA: string;
  let workerB: string;
  let project: TestProject;

  beforeAll(async () => {
    [workerA, workerB] = await Promise.all([harness.startWorker(), harness.startWorker()]);
    project = await harness.addProject([fixtureServerEntry('changing', { env: { CHANGE_AFTER: '2' } })]);
    await whenRedisReady(redis, 5_000);
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((client) => client.close()));
    redis.disconnect();
    await harness.close();
  });

  function watch(client: Client) {
    const seen = { listChanged: 0, logs: [] as unknown[] };
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => void (seen.listChanged += 1));
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void seen.logs.push(n.params));
    clients.push(client);
    return seen;
  }

  it('announces a changed tool list on the same worker and on another one, and drops the cached list', async () => {
    const caller = await harness.connect(workerA, project.key);
    const onA = watch(caller);
    // Another client of the project: requests on A, GET stream on B (a load balancer may split them).
    const onB = watch(await connectSplit(workerA, workerB, project.key));
    await waitForSubscribers(redis, busKeys(harness.prefix).projectChannel(project.projectId), 2);

    const before = (await caller.listTools()).tools.map((tool) => tool.name);
    expect(before).toEqual(['changing__tick']);

    await caller.callTool({ name: 'changing__tick', arguments: {} });
    expect(onA.listChanged + onB.listChanged).toBe(0);
    await caller.callTool({ name: 'changing__tick', arguments: {} }); // CHANGE_AFTER=2: a new tool appears

    await waitFor(() => onA.listChanged === 1 && onB.listChanged === 1, 3_000);
    const after = (await caller.listTools()).tools.map((tool) => tool.name);
    expect(after).toEqual(['changing__tick', 'changing__extra_1']);
    await expect(caller.callTool({ name: 'changing__extra_1', arguments: {} })).resolves.toMatchObject({
      content: [{ type: 'text', text: 'extra 1' }],
    });
    // The upstream's log messages, named after the server, go to the session whose call sent them
    // (published before the list_changed that B already has: B would have them by now too).
    await waitFor(() => onA.logs.length >= 2, 3_000);
    expect(onA.logs[0]).toMatchObject({ level: 'info', logger: 'changing/changing', data: 'tick 1' });
    expect(onB.logs).toEqual([]);
  });

  it('delivers nothing more to the stream of a key revoked meanwhile, and ends it', async () => {
    const second = generateApiKey();
    const secondId = randomUUID();
    await harness.publish((s) => {
      s.keys[secondId] = { ...s.keys[project.keyId], id: secondId, keyHash: hashApiKey(second) };
      return s;
    });
    const caller = await harness.connect(workerA, project.key);
    const sessionId = await openSession(workerB, second);
    const stream = await openGetStream(workerB, second, sessionId);
    onTestFinished(() => stream.close());
    expect(stream.status).toBe(200);
    const channel = busKeys(harness.prefix).projectChannel(project.projectId);
    await waitForSubscribers(redis, channel, 1);
    // Two ticks change the tool list once (CHANGE_AFTER=2): a list_changed for the whole project.
    const changeToolList = async () => {
      for (let tick = 0; tick < 2; tick++) await caller.callTool({ name: 'changing__tick', arguments: {} });
    };
    await changeToolList();
    await waitFor(() => stream.messages.length >= 1, 3_000);

    await harness.publish((s) => {
      delete s.keys[secondId];
      return s;
    });
    const seen = stream.messages.length;
    await changeToolList();
    expect(await stream.ended(2_000)).toBe(true);
    expect(stream.messages.length).toBe(seen);
  });
});
