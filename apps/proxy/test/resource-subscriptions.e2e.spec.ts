// resources/subscribe and resources/unsubscribe through the gateway: routed by URI to the server
// that has the resource, remembered per session in Redis, and notifications/resources/updated
// delivered to exactly the subscribed sessions, whichever worker holds their GET stream. The
// upstream subscription of a shared connection ends with its last subscriber; an ended session's
// subscriptions are dropped.
import { busKeys, createRedis, whenRedisReady } from '@bastion/bus';
import type { ServerEntry } from '@bastion/contracts';
import { fixtureServerEntry, TEST_REDIS_URL } from '@bastion/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyHarness, waitFor, type TestProject } from './proxy-harness';
import { connectAsking, splitRouting, type Seen } from './support/asking-client';

const text = (result: unknown) => (result as { content: Array<{ text: string }> }).content[0]?.text ?? '';
type Connected = { client: Client; seen: Seen };

describe('resource subscriptions through the gateway', () => {
  const harness = new ProxyHarness();
  const redis = createRedis({ url: TEST_REDIS_URL, connectionName: 'subscriptions-spec' });
  const clients: Client[] = [];
  let workerA: string;
  let workerB: string;

  async function connect(project: TestProject, streamOn = workerA): Promise<Connected> {
    const route = splitRouting({ calls: workerA, stream: streamOn, answers: workerA }, []);
    const connected = await connectAsking(workerA, project.key, {}, route);
    clients.push(connected.client);
    return connected;
  }

  /** A log every session of the project gets, sent after everything before it: a delivery barrier. */
  async function barrier(caller: Client, everyone: Connected[], message: string): Promise<void> {
    await caller.callTool({ name: 'relay__log_later', arguments: { message } });
    await waitFor(() => everyone.every(({ seen }) => seen.logs.some((log) => log.data === message)));
  }

  beforeAll(async () => {
    [workerA, workerB] = await Promise.all([harness.startWorker(), harness.startWorker()]);
    await whenRedisReady(redis, 5_000);
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((client) => client.close()));
    redis.disconnect();
    await harness.close();
  });

  it('tells exactly the subscribed sessions about an update, on any worker', async () => {
    const project = await harness.addProject([fixtureServerEntry('relay'), fixtureServerEntry('echo')]);
    const [one, two, far] = [await connect(project), await connect(project), await connect(project, workerB)];
    expect(one.client.getServerCapabilities()?.resources).toEqual({ subscribe: true, listChanged: true });
    await one.client.subscribeResource({ uri: 'relay://a' });
    await far.client.subscribeResource({ uri: 'relay://a' });
    await two.client.subscribeResource({ uri: 'relay://b' });

    await two.client.callTool({ name: 'relay__touch', arguments: { uri: 'relay://a' } });
    await two.client.callTool({ name: 'relay__touch', arguments: { uri: 'relay://b' } });
    await barrier(two.client, [one, two, far], 'after touches');
    expect(one.seen.updates).toEqual(['relay://a']);
    expect(far.seen.updates).toEqual(['relay://a']);
    expect(two.seen.updates).toEqual(['relay://b']);

    await one.client.unsubscribeResource({ uri: 'relay://a' });
    await two.client.callTool({ name: 'relay__touch', arguments: { uri: 'relay://a' } });
    await barrier(two.client, [one, two, far], 'after unsubscribe');
    expect(one.seen.updates).toEqual(['relay://a']);
    expect(far.seen.updates).toEqual(['relay://a', 'relay://a']);
  });

  it('refuses a URI no server of the project has', async () => {
    const project = await harness.addProject([fixtureServerEntry('relay'), fixtureServerEntry('echo')]);
    const { client } = await connect(project);
    const error = await client.subscribeResource({ uri: 'nowhere://x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(-32602);
  });

  it('keeps the upstream subscription until the last session unsubscribes', async () => {
    const project = await harness.addProject([fixtureServerEntry('relay')]);
    const [one, two] = [await connect(project), await connect(project)];
    const upstream = async () =>
      JSON.parse(
        text(await one.client.callTool({ name: 'relay__subscriptions', arguments: {} })),
      ) as string[];
    await one.client.subscribeResource({ uri: 'relay://a' });
    await two.client.subscribeResource({ uri: 'relay://a' });
    expect(await upstream()).toEqual(['relay://a']);
    await one.client.unsubscribeResource({ uri: 'relay://a' });
    expect(await upstream()).toEqual(['relay://a']);
    await two.client.unsubscribeResource({ uri: 'relay://a' });
    expect(await upstream()).toEqual([]);
  });

  it("drops an ended session's subscriptions", async () => {
    const relay: ServerEntry = fixtureServerEntry('relay');
    const project = await harness.addProject([relay]);
    const { client } = await connect(project);
    await client.subscribeResource({ uri: 'relay://b' });
    const subscribers = busKeys(harness.prefix).resourceSubscribers(project.projectId, relay.id, 'relay://b');
    expect(await redis.scard(subscribers)).toBe(1);
    await (client.transport as StreamableHTTPClientTransport).terminateSession();
    await waitFor(async () => (await redis.scard(subscribers)) === 0);
  });
});
