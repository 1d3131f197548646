/**
 * ServerRequestRelay and ClientReplies against real Redis, as two workers sharing a prefix: a
 * server request published to a session's channel (what its GET stream carries), answered through
 * the other worker, bound to its session, given up on timeout or cancellation (the client is told).
 */
import { busKeys, createRedis, whenRedisReady } from '@bastion/bus';
import { TEST_REDIS_URL, testServerEntry, uniqueSuffix } from '@bastion/testing';
import type { UpstreamServerRequest } from '@bastion/upstream';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientReplies } from './client-replies';
import type { JsonRpcMessage } from './json-rpc';
import { NotificationHub } from './notification.hub';
import { ServerRequestRelay } from './server-request.relay';

const keys = busKeys(`test:${uniqueSuffix()}:`);

interface Worker {
  replies: ClientReplies;
  relay: ServerRequestRelay;
  connections: Redis[];
}

async function startWorker(timeoutMs: number): Promise<Worker> {
  const redis = createRedis({ url: TEST_REDIS_URL, connectionName: 'relay-spec' });
  const subscriber = createRedis({ url: TEST_REDIS_URL, connectionName: 'relay-spec-sub' });
  await Promise.all([whenRedisReady(redis, 5_000), whenRedisReady(subscriber, 5_000)]);
  const replies = new ClientReplies(redis, keys, new NotificationHub(subscriber));
  return {
    replies,
    relay: new ServerRequestRelay({ replies, redis, keys, timeoutMs }),
    connections: [redis, subscriber],
  };
}

const opened: Redis[] = [];

/** A client's GET stream stand-in: every message published to the session's channel. */
async function listenAsClient(sid: string): Promise<JsonRpcMessage[]> {
  const redis = createRedis({ url: TEST_REDIS_URL, connectionName: 'relay-spec-client' });
  opened.push(redis);
  await whenRedisReady(redis, 5_000);
  const seen: JsonRpcMessage[] = [];
  redis.on('message', (_channel: string, message: string) =>
    seen.push(JSON.parse(message) as JsonRpcMessage),
  );
  await redis.subscribe(keys.sessionChannel(sid));
  return seen;
}

function request(sid: string | undefined, signal = new AbortController().signal): UpstreamServerRequest {
  const server = testServerEntry({ name: 'asker', connectionScope: sid ? 'session' : 'project' });
  const target = sid ? { projectId: 'p1', server, sessionId: sid } : { projectId: 'p1', server };
  return { target, method: 'sampling/createMessage', params: { maxTokens: 5, messages: [] }, signal };
}

async function nextRequest(seen: JsonRpcMessage[], index = 0): Promise<JsonRpcMessage> {
  const deadline = Date.now() + 2_000;
  for (;;) {
    const message = seen[index];
    if (message) return message;
    if (Date.now() > deadline) throw new Error('no message reached the client');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('ServerRequestRelay over Redis', () => {
  let one: Worker;
  let two: Worker;

  beforeAll(async () => {
    [one, two] = await Promise.all([startWorker(300), startWorker(300)]);
  });
  afterAll(() => {
    for (const connection of [...one.connections, ...two.connections, ...opened]) connection.disconnect();
  });

  it('publishes the request to the session and settles it with the answer POSTed to another worker', async () => {
    const sid = `s-${uniqueSuffix()}`;
    const seen = await listenAsClient(sid);
    const pending = one.relay.handle(request(sid));
    const asked = await nextRequest(seen);
    expect(asked).toMatchObject({
      jsonrpc: '2.0',
      method: 'sampling/createMessage',
      params: { maxTokens: 5 },
    });
    expect(asked.id).toMatch(/^bastion-req-[A-Za-z0-9_-]{24}$/);
    await two.replies.accept(sid, { jsonrpc: '2.0', id: asked.id, result: { model: 'm' } });
    await expect(pending).resolves.toEqual({ model: 'm' });
  });

  it('ignores an answer from another session, on either worker', async () => {
    const sid = `s-${uniqueSuffix()}`;
    const seen = await listenAsClient(sid);
    const pending = one.relay.handle(request(sid));
    const { id } = await nextRequest(seen);
    await one.replies.accept('intruder', { jsonrpc: '2.0', id, result: { model: 'forged' } });
    await two.replies.accept('intruder', { jsonrpc: '2.0', id, result: { model: 'forged' } });
    await one.replies.accept(sid, { jsonrpc: '2.0', id, result: { model: 'genuine' } });
    await expect(pending).resolves.toEqual({ model: 'genuine' });
  });

  it("passes the client's JSON-RPC error on to the upstream", async () => {
    const sid = `s-${uniqueSuffix()}`;
    const seen = await listenAsClient(sid);
    const pending = one.relay.handle(request(sid));
    const { id } = await nextRequest(seen);
    await two.replies.accept(sid, {
      jsonrpc: '2.0',
      id,
      error: { code: -1, message: 'User rejected', data: 7 },
    });
    await expect(pending).rejects.toMatchObject({ code: -1, message: 'User rejected', data: 7 });
  });

  it('gives up after its time budget and tells the client the request is cancelled', async () => {
    const sid = `s-${uniqueSuffix()}`;
    const seen = await listenAsClient(sid);
    const started = Date.now();
    await expect(one.relay.handle(request(sid))).rejects.toMatchObject({
      code: -32001,
      message: 'The client did not answer sampling/createMessage within 300 ms.',
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    const cancelled = await nextRequest(seen, 1);
    expect(cancelled).toMatchObject({
      method: 'notifications/cancelled',
      params: { requestId: seen[0]?.id },
    });
  });

  it('stops waiting when the upstream withdraws its request', async () => {
    const sid = `s-${uniqueSuffix()}`;
    const seen = await listenAsClient(sid);
    const withdrawn = new AbortController();
    const pending = one.relay.handle(request(sid, withdrawn.signal));
    await nextRequest(seen);
    withdrawn.abort();
    await expect(pending).rejects.toMatchObject({ code: -32800 });
  });

  it('fails at once when no stream of the session listens', async () => {
    await expect(one.relay.handle(request(`s-${uniqueSuffix()}`))).rejects.toThrow(/no open stream/);
  });

  it('refuses a request of a shared connection that came with no caller', async () => {
    await expect(one.relay.handle(request(undefined))).rejects.toMatchObject({
      code: -32600,
      message: expect.stringMatching(/cannot attribute sampling\/createMessage/),
    });
  });
});
