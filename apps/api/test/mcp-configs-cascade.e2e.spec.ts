// Copying and deleting MCP configs over real HTTP against the real app, Postgres and Redis: copies carry
// every server (sealed secrets as they are, no tool pins); a delete cascades to servers and tool pins
// and unassigns projects, in Postgres and in the Redis snapshot the workers read.
import type { Snapshot } from '@bastion/contracts';
import { TEST_REDIS_URL } from '@bastion/testing';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApi, type ApiHarness } from './api-harness';

const stdio = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  transport: 'stdio',
  command: 'node',
  ...extra,
});

describe('MCP config copy and delete', () => {
  let api: ApiHarness;
  let redis: Redis;
  let db: Client;
  beforeAll(async () => {
    api = await startApi();
    redis = new Redis(TEST_REDIS_URL);
    db = new Client({ connectionString: api.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    redis?.disconnect();
    await api?.close();
  });

  const snapshot = async (): Promise<Snapshot> =>
    JSON.parse((await redis.get(`${api.redisPrefix}config:snapshot`)) ?? 'null');
  const until = (check: (s: Snapshot) => void) =>
    vi.waitFor(async () => check(await snapshot()), { timeout: 5000 });
  const createConfig = async (body: Record<string, unknown>) => {
    const response = await api.request('POST', '/api/v1/mcp-configs', { body });
    expect(response.status).toBe(201);
    return response.body;
  };

  it('copies a config with all its servers under a new name, publishing the copies', async () => {
    const source = await createConfig({
      name: 'original',
      pinningMode: 'require-approval',
      metaToolsEnabled: true,
    });
    const server = await api.request('POST', `/api/v1/mcp-configs/${source.id}/servers`, {
      body: stdio('files', { args: ['server.js'], env: { SECRET: 'copy-me' }, toolPrefix: 'fs' }),
    });
    await db.query(
      `INSERT INTO tool_pins (id, server_id, tool_name, status, approved_hash, updated_at)
       VALUES (gen_random_uuid(), $1, 'read', 'approved', 'abc', now())`,
      [server.body.id],
    );
    const copy = await api.request('POST', `/api/v1/mcp-configs/${source.id}/copy`, {
      body: { name: 'the copy' },
    });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({
      name: 'the copy',
      pinningMode: 'require-approval',
      metaToolsEnabled: true,
      serverCount: 1,
    });
    const copied = copy.body.servers[0];
    expect(copied).toMatchObject({
      name: 'files',
      args: ['server.js'],
      toolPrefix: 'fs',
      env: { SECRET: '********' },
    });
    expect(copied.id).not.toBe(server.body.id);
    const stored = await db.query('SELECT id, env::text AS env FROM mcp_servers WHERE id = ANY($1::uuid[])', [
      [server.body.id, copied.id],
    ]);
    expect(new Set(stored.rows.map((row) => row.env)).size).toBe(1);
    const pins = await db.query('SELECT count(*)::int AS n FROM tool_pins WHERE server_id = $1', [copied.id]);
    expect(pins.rows[0].n).toBe(0);
    await until((s) => expect(s.servers[copied.id]).toMatchObject({ configId: copy.body.id, name: 'files' }));
    expect(
      (await api.request('POST', `/api/v1/mcp-configs/${source.id}/copy`, { body: { name: 'original' } }))
        .status,
    ).toBe(409);
    expect((await api.request('POST', `/api/v1/mcp-configs/${source.id}/copy`, { body: {} })).status).toBe(
      400,
    );
    const unknown = await api.request(
      'POST',
      '/api/v1/mcp-configs/00000000-0000-4000-8000-000000000000/copy',
      {
        body: { name: 'nope' },
      },
    );
    expect(unknown.status).toBe(404);
  });

  it('deletes a config with its servers and tool pins, and leaves its projects without a config', async () => {
    const config = await createConfig({ name: 'doomed' });
    const servers = await Promise.all(
      ['one', 'two'].map(
        async (name) =>
          (await api.request('POST', `/api/v1/mcp-configs/${config.id}/servers`, { body: stdio(name) })).body,
      ),
    );
    const pin = await db.query(
      `INSERT INTO tool_pins (id, server_id, tool_name, status, approved_hash, updated_at)
       VALUES (gen_random_uuid(), $1, 'tool', 'approved', 'h', now()) RETURNING id`,
      [servers[0].id],
    );
    const project = await db.query(
      `INSERT INTO projects (id, name, mcp_config_id, updated_at) VALUES (gen_random_uuid(), 'uses doomed', $1, now()) RETURNING id`,
      [config.id],
    );
    const projectId: string = project.rows[0].id;
    await until((s) =>
      expect(Object.keys(s.servers)).toEqual(expect.arrayContaining(servers.map((s) => s.id))),
    );

    expect((await api.request('DELETE', `/api/v1/mcp-configs/${config.id}`)).status).toBe(204);
    expect((await api.request('GET', `/api/v1/mcp-configs/${config.id}`)).status).toBe(404);
    expect((await api.request('DELETE', `/api/v1/mcp-configs/${config.id}`)).status).toBe(404);
    const left = await db.query('SELECT mcp_config_id FROM projects WHERE id = $1', [projectId]);
    expect(left.rows[0].mcp_config_id).toBeNull();
    const rows = await db.query('SELECT count(*)::int AS n FROM mcp_servers WHERE config_id = $1', [
      config.id,
    ]);
    expect(rows.rows[0].n).toBe(0);
    const pins = await db.query('SELECT count(*)::int AS n FROM tool_pins WHERE id = $1', [pin.rows[0].id]);
    expect(pins.rows[0].n).toBe(0);
    await until((s) => {
      expect(s.configs[config.id]).toBeUndefined();
      for (const server of servers) expect(s.servers[server.id]).toBeUndefined();
      expect(s.toolPins[pin.rows[0].id]).toBeUndefined();
      expect(s.projects[projectId]).toEqual({ id: projectId, name: 'uses doomed', mcpConfigId: null });
    });
  });
});
