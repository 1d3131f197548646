// Copying and deleting MCP configs over real HTTP against the real app, Postgres and Redis: copies carry
// every server (sealed secrets as they are, no tool pins); a delete cascades to servers and tool pins
// and unassigns projects, in Postgres and in the Redis snapshot the workers read. Tool pins have no
// REST API (the proxy records them), so they are inserted with SQL; the stored rows are read with SQL
// on purpose, as the cascade and the sealed values are what is checked.
import { describe, expect, it } from 'vitest';
import { stdioServer, useApi } from './api-harness';

describe('MCP config copy and delete', () => {
  const api = useApi();

  it('copies a config with all its servers under a new name, publishing the copies', async () => {
    const source = await api.createConfig({
      name: 'original',
      pinningMode: 'require-approval',
      metaToolsEnabled: true,
    });
    const server = await api.createServer(
      source.id,
      stdioServer('files', { args: ['server.js'], env: { SECRET: 'copy-me' }, toolPrefix: 'fs' }),
    );
    await api.query(
      `INSERT INTO tool_pins (id, server_id, tool_name, status, approved_hash, updated_at)
       VALUES (gen_random_uuid(), $1, 'read', 'approved', 'abc', now())`,
      [server.id],
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
    expect(copied.id).not.toBe(server.id);
    const stored = await api.query(
      'SELECT id, env::text AS env FROM mcp_servers WHERE id = ANY($1::uuid[])',
      [[server.id, copied.id]],
    );
    expect(new Set(stored.rows.map((row) => row.env)).size).toBe(1);
    const pins = await api.query('SELECT count(*)::int AS n FROM tool_pins WHERE server_id = $1', [
      copied.id,
    ]);
    expect(pins.rows[0].n).toBe(0);
    await api.waitForSnapshot((s) =>
      expect(s.servers[copied.id]).toMatchObject({ configId: copy.body.id, name: 'files' }),
    );
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
    const config = await api.createConfig('doomed');
    const servers = await Promise.all(
      ['one', 'two'].map((name) => api.createServer(config.id, stdioServer(name))),
    );
    const pin = await api.query(
      `INSERT INTO tool_pins (id, server_id, tool_name, status, approved_hash, updated_at)
       VALUES (gen_random_uuid(), $1, 'tool', 'approved', 'h', now()) RETURNING id`,
      [servers[0].id],
    );
    const { id: projectId } = await api.createProject({ name: 'uses doomed', mcpConfigId: config.id });
    await api.waitForSnapshot((s) => {
      expect(Object.keys(s.servers)).toEqual(expect.arrayContaining(servers.map((s) => s.id)));
      expect(s.projects[projectId]?.mcpConfigId).toBe(config.id);
    });

    expect((await api.request('DELETE', `/api/v1/mcp-configs/${config.id}`)).status).toBe(204);
    expect((await api.request('GET', `/api/v1/mcp-configs/${config.id}`)).status).toBe(404);
    expect((await api.request('DELETE', `/api/v1/mcp-configs/${config.id}`)).status).toBe(404);
    const left = await api.query('SELECT mcp_config_id FROM projects WHERE id = $1', [projectId]);
    expect(left.rows[0].mcp_config_id).toBeNull();
    const rows = await api.query('SELECT count(*)::int AS n FROM mcp_servers WHERE config_id = $1', [
      config.id,
    ]);
    expect(rows.rows[0].n).toBe(0);
    const pins = await api.query('SELECT count(*)::int AS n FROM tool_pins WHERE id = $1', [pin.rows[0].id]);
    expect(pins.rows[0].n).toBe(0);
    await api.waitForSnapshot((s) => {
      expect(s.configs[config.id]).toBeUndefined();
      for (const server of servers) expect(s.servers[server.id]).toBeUndefined();
      expect(s.toolPins[pin.rows[0].id]).toBeUndefined();
      expect(s.projects[projectId]).toEqual({ id: projectId, name: 'uses doomed', mcpConfigId: null });
    });
  });
});
