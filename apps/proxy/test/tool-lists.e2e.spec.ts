// Tool lists: cached in Redis with a TTL and shared by workers, re-read when the server's
// definition changes, filtered by allow/deny lists, and left bare under an empty prefix.
import { busKeys, createRedis, whenRedisReady } from '@bastion/bus';
import { fixtureServerEntry, TEST_REDIS_URL } from '@bastion/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyHarness } from './proxy-harness';

const names = async (client: Client) => (await client.listTools()).tools.map((tool) => tool.name).sort();
const TTL_MS = 60_000;

describe('tool lists', () => {
  const harness = new ProxyHarness();
  const redis = createRedis({ url: TEST_REDIS_URL, connectionName: 'tool-lists-spec' });
  let workerA: string;
  let workerB: string;

  beforeAll(async () => {
    const env = { TOOL_CACHE_TTL_MS: String(TTL_MS) };
    [workerA, workerB] = await Promise.all([harness.startWorker(env), harness.startWorker(env)]);
    await whenRedisReady(redis, 5_000);
  });
  afterAll(async () => {
    redis.disconnect();
    await harness.close();
  });

  it('caches a server tool list in Redis with a TTL', async () => {
    const server = fixtureServerEntry('echo');
    const project = await harness.addProject([server]);
    const pattern = `${busKeys(harness.prefix).toolCache(project.projectId, server.id, '*')}:tools`;
    expect(await redis.keys(pattern)).toEqual([]);

    await names(await harness.connect(workerA, project.key));
    const keys = await redis.keys(pattern);
    expect(keys).toHaveLength(1);
    const ttl = await redis.pttl(keys[0]);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(TTL_MS);
    const cached = JSON.parse((await redis.get(keys[0]))!) as Array<{ name: string }>;
    expect(cached.map((tool) => tool.name).sort()).toEqual(['add', 'echo', 'get_env', 'pid', 'reverse']);
  });

  it('applies a changed server definition on the next tools/list of every worker', async () => {
    const server = fixtureServerEntry('echo');
    const project = await harness.addProject([server]);
    const [onA, onB] = await Promise.all([
      harness.connect(workerA, project.key),
      harness.connect(workerB, project.key),
    ]);
    expect(await names(onA)).toEqual(['echo__add', 'echo__echo', 'echo__get_env', 'echo__pid', 'echo__reverse']);
    expect(await names(onB)).toEqual(['echo__add', 'echo__echo', 'echo__get_env', 'echo__pid', 'echo__reverse']);

    await harness.publish((s) => {
      s.servers[server.id] = { ...s.servers[server.id], toolsDeny: ['add', 'get_*'] };
      return s;
    });
    expect(await names(onA)).toEqual(['echo__echo', 'echo__pid', 'echo__reverse']);
    expect(await names(onB)).toEqual(['echo__echo', 'echo__pid', 'echo__reverse']);
    const denied = await onB
      .callTool({ name: 'echo__add', arguments: { a: 1, b: 2 } })
      .catch((e: unknown) => e);
    expect((denied as McpError).code).toBe(-32602);
  });

  it('offers only allowed tools, deny winning over allow', async () => {
    const project = await harness.addProject([
      fixtureServerEntry('echo', { toolsAllow: ['echo', 'add', 'get_*'], toolsDeny: ['get_env'] }),
    ]);
    const client = await harness.connect(workerA, project.key);
    expect(await names(client)).toEqual(['echo__add', 'echo__echo']);
    for (const hidden of ['echo__get_env', 'echo__pid', 'echo__reverse']) {
      const error = await client
        .callTool({ name: hidden, arguments: { name: 'HOME' } })
        .catch((e: unknown) => e);
      expect((error as McpError).code).toBe(-32602);
      expect((error as McpError).message).toContain(hidden);
    }
  });

  it('exposes bare tool names when the only server has an empty prefix', async () => {
    const project = await harness.addProject([fixtureServerEntry('echo', { toolPrefix: '' })]);
    const client = await harness.connect(workerB, project.key);
    expect(await names(client)).toEqual(['add', 'echo', 'get_env', 'pid', 'reverse']);
    expect((await client.callTool({ name: 'echo', arguments: { message: 'bare' } })).content).toEqual([
      { type: 'text', text: 'bare' },
    ]);
    const prefixed = await client
      .callTool({ name: 'echo__echo', arguments: { message: 'x' } })
      .catch((e: unknown) => e);
    expect((prefixed as McpError).code).toBe(-32602);
  });
});
