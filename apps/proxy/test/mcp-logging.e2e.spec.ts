// MCP logging through the gateway: logging/setLevel per session, the gateway's own events as
// notifications/message on the GET stream, the session's level applied, secrets redacted.
import { busKeys, createRedis, whenRedisReady } from '@bastion/bus';
import type { PolicyEntry } from '@bastion/contracts';
import { fixtureServerEntry, TEST_REDIS_URL } from '@bastion/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  LoggingMessageNotificationSchema,
  type LoggingLevel,
  type LoggingMessageNotification,
} from '@modelcontextprotocol/sdk/types.js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyHarness, rawPost, waitFor } from './proxy-harness';
import { waitForSubscribers } from './support/sdk-clients';

type Params = LoggingMessageNotification['params'];

describe('MCP logging', () => {
  const harness = new ProxyHarness();
  const redis = createRedis({ url: TEST_REDIS_URL, connectionName: 'mcp-logging-spec' });
  const guard: PolicyEntry = {
    id: randomUUID(),
    name: 'no-forbidden',
    mode: 'enforce',
    failMode: 'closed',
    rules: [
      { detector: 'keywords', action: 'block', direction: 'input', options: { keywords: ['forbidden'] } },
    ],
  };
  const secret = `sk-proj-${'Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5kL7nP9rS1tV3xZ5'}`;
  let url: string;

  beforeAll(async () => {
    url = await harness.startWorker();
    await harness.publish((s) => ({ ...s, policies: { ...s.policies, [guard.id]: guard } }));
    await whenRedisReady(redis, 5_000);
  });
  afterAll(async () => {
    await harness.close();
    redis.disconnect();
  });

  /** A fresh project (so its channel's subscriber is this client's stream) and a listening client. */
  async function connect(level?: LoggingLevel) {
    const project = await harness.addProject([fixtureServerEntry('relay', { inputPolicyId: guard.id })]);
    const client: Client = await harness.connect(url, project.key);
    const received: Params[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void received.push(n.params));
    await waitForSubscribers(redis, busKeys(harness.prefix).projectChannel(project.projectId), 1);
    if (level) await client.setLoggingLevel(level);
    return { client, received, project };
  }

  const gatewayEvents = (received: Params[]) => received.filter((p) => p.logger === 'bastion');

  it('tells the calling session about a guardrail block, without the matched values', async () => {
    const { client, received } = await connect('info');
    await expect(
      client.callTool({ name: 'relay__log', arguments: { message: 'a forbidden word' } }),
    ).rejects.toThrow(/-32020/);
    await waitFor(() => gatewayEvents(received).length > 0);
    const [event] = gatewayEvents(received);
    expect(event?.level).toBe('warning');
    const data = event?.data as { message: string; tool: string; policy: string };
    expect(data.message).toMatch(
      /Blocked by guardrail policy "no-forbidden", rule 1 \(keywords\).*relay__log/,
    );
    expect(data.tool).toBe('relay__log');
    expect(JSON.stringify(event)).not.toContain('forbidden word');
  });

  it('delivers the gateway warning before any setLevel (default: warning)', async () => {
    const { client, received } = await connect();
    await expect(
      client.callTool({ name: 'relay__log', arguments: { message: 'forbidden' } }),
    ).rejects.toThrow();
    await waitFor(() => gatewayEvents(received).length > 0);
  });

  it('keeps events below the level the session set', async () => {
    const { client, received, project } = await connect('error');
    await expect(
      client.callTool({ name: 'relay__log', arguments: { message: 'forbidden' } }),
    ).rejects.toThrow();
    await client.callTool({ name: 'relay__log', arguments: { message: 'an info line' } });
    // A marker at `error` through the project channel: it passes, and arrives after the rest.
    const marker = {
      jsonrpc: '2.0',
      method: 'notifications/message',
      params: { level: 'error', data: 'marker' },
    };
    await new Promise((resolve) => setTimeout(resolve, 100));
    await redis.publish(busKeys(harness.prefix).projectChannel(project.projectId), JSON.stringify(marker));
    await waitFor(() => received.some((p) => p.data === 'marker'));
    expect(received.map((p) => p.data)).toEqual(['marker']);
  });

  it('redacts secrets in upstream log messages', async () => {
    const { client, received } = await connect('debug');
    await client.callTool({ name: 'relay__log', arguments: { message: `token=${secret} end` } });
    await waitFor(() => received.some((p) => p.logger === 'relay/log'));
    const logged = received.find((p) => p.logger === 'relay/log');
    expect(logged?.level).toBe('info');
    expect(String(logged?.data)).toMatch(/^token=\[REDACTED:[^\]]+\] end$/);
    expect(JSON.stringify(received)).not.toContain(secret.slice(8, 24));
  });

  it("sends a call's own log messages on its stream, so a session without a GET stream gets them too", async () => {
    const project = await harness.addProject([fixtureServerEntry('relay')]);
    const auth = { authorization: `Bearer ${project.key}` };
    const rpc = (id: number, method: string, params: object) =>
      JSON.stringify({ jsonrpc: '2.0', id, method, params });
    const init = await rawPost(
      url,
      rpc(1, 'initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'raw', version: '1' },
      }),
      auth,
    );
    const session = { ...auth, 'mcp-session-id': init.headers.get('mcp-session-id')! };
    const call = (id: number, message: string) =>
      rawPost(url, rpc(id, 'tools/call', { name: 'relay__log', arguments: { message } }), session);

    const logged = await call(2, `token=${secret} end`);
    expect(logged.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = logged.text
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)));
    expect(events.map((event) => event.method ?? 'result')).toEqual(['notifications/message', 'result']);
    expect(events[0].params).toMatchObject({ level: 'info', logger: 'relay/log' });
    expect(String(events[0].params.data)).toMatch(/^token=\[REDACTED:[^\]]+\] end$/);

    // The session's level applies on the call's stream as on the GET stream: info is below error.
    await rawPost(url, rpc(3, 'logging/setLevel', { level: 'error' }), session);
    const quiet = await call(4, 'an info line');
    expect(quiet.json?.result?.content?.[0]?.text).toBe('logged');
  });

  it('refuses an unknown level', async () => {
    const { client } = await connect();
    await expect(client.setLoggingLevel('verbose' as LoggingLevel)).rejects.toThrow(/-32602/);
  });
});
