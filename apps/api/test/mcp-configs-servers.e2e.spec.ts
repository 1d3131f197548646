// Servers of MCP configs over real HTTP against the real app, Postgres and Redis: create, upsert,
// list, get, update, delete (with tool pins), field rules, policy references, the "********" round
// trip, and what the workers see in the Redis snapshot. Stored rows are read with SQL where the sealed
// values or the tool-pin cascade are the point; tool pins have no REST API, so they are inserted so.
import { beforeAll, describe, expect, it } from 'vitest';
import { stdioServer, useApi } from './api-harness';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('MCP config servers API', () => {
  const api = useApi();
  let configId: string;
  let policyId: string;
  beforeAll(async () => {
    configId = (await api.createConfig('servers home')).id;
    policyId = (await api.createPolicy('servers-policy')).id;
  });

  const servers = (path = '') => `/api/v1/mcp-configs/${configId}/servers${path}`;

  it('creates a stdio server with defaults and publishes it', async () => {
    const created = await api.request('POST', servers(), {
      body: {
        name: 'files',
        transport: 'stdio',
        command: 'npx',
        args: ['-y', 'fs-server'],
        inputPolicyId: policyId,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      configId,
      name: 'files',
      transport: 'stdio',
      command: 'npx',
      args: ['-y', 'fs-server'],
      env: {},
      url: null,
      headers: {},
      oauth: null,
      toolPrefix: null,
      toolsAllow: [],
      toolsDeny: [],
      inputPolicyId: policyId,
      outputPolicyId: null,
      connectTimeoutMs: 10000,
      discoveryTimeoutMs: 10000,
      callTimeoutMs: 60000,
      connectionScope: 'project',
      enabled: true,
    });
    await api.waitForSnapshot((s) =>
      expect(s.servers[created.body.id]).toMatchObject({
        configId,
        name: 'files',
        transport: 'stdio',
        timeouts: { connectMs: 10000, discoveryMs: 10000, callMs: 60000 },
        inputPolicyId: policyId,
      }),
    );
    expect(
      (await api.request('POST', servers(), { body: { name: 'files', transport: 'stdio', command: 'x' } }))
        .status,
    ).toBe(409);
  });

  it('creates HTTP servers with every option', async () => {
    const created = await api.request('POST', servers(), {
      body: {
        name: 'remote_api',
        transport: 'streamable-http',
        url: 'https://mcp.example.com/mcp',
        headers: { 'X-Team': 'blue' },
        oauth: {
          tokenUrl: 'https://auth.example.com/token',
          clientId: 'cid',
          clientSecret: 's3cret',
          scope: 'tools',
        },
        toolPrefix: 'Remote',
        toolsAllow: ['search'],
        toolsDeny: ['delete'],
        outputPolicyId: policyId,
        connectTimeoutMs: 100,
        discoveryTimeoutMs: 600000,
        callTimeoutMs: 5000,
        connectionScope: 'session',
        enabled: false,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      transport: 'streamable-http',
      headers: { 'X-Team': '********' },
      oauth: {
        tokenUrl: 'https://auth.example.com/token',
        clientId: 'cid',
        clientSecret: '********',
        scope: 'tools',
        audience: null,
      },
      toolPrefix: 'Remote',
      connectionScope: 'session',
      enabled: false,
    });
    await api.waitForSnapshot((s) =>
      expect(s.servers[created.body.id]).toMatchObject({
        transport: 'streamable-http',
        connectionScope: 'session',
      }),
    );
    const sse = await api.request('POST', servers(), {
      body: { name: 'legacy', transport: 'sse', url: 'http://localhost:9000/sse', toolPrefix: '' },
    });
    expect(sse.status).toBe(201);
    expect(sse.body.toolPrefix).toBe('');
  });

  it('upserts by name: 201 when created, 200 after', async () => {
    const first = await api.request('PUT', servers(), {
      body: { name: 'upserted', transport: 'stdio', command: 'one', env: { KEY: 'v1' } },
    });
    expect(first.status).toBe(201);
    const second = await api.request('PUT', servers(), {
      body: { name: 'upserted', transport: 'stdio', command: 'two', env: { KEY: '********', MORE: 'v2' } },
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      id: first.body.id,
      command: 'two',
      env: { KEY: '********', MORE: '********' },
    });
    await api.waitForSnapshot((s) => expect(s.servers[first.body.id]?.command).toBe('two'));
    expect(
      (await api.request('PUT', servers(), { body: { name: 'upserted', transport: 'sse' } })).status,
    ).toBe(400);
    expect(
      (
        await api.request('PUT', `/api/v1/mcp-configs/${UNKNOWN}/servers`, {
          body: { name: 'u', transport: 'stdio', command: 'x' },
        })
      ).status,
    ).toBe(404);
  });

  it('lists the servers of a config with a filter and pagination', async () => {
    const page = await api.request('GET', servers('?limit=2'));
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const rest = await api.request('GET', servers(`?limit=200&cursor=${page.body.nextCursor}`));
    expect(rest.body.nextCursor).toBeNull();
    const filtered = await api.request('GET', servers('?q=REMOTE'));
    expect(filtered.body.items.map((s: { name: string }) => s.name)).toEqual(['remote_api']);
    expect((await api.request('GET', `/api/v1/mcp-configs/${UNKNOWN}/servers`)).status).toBe(404);
    expect((await api.request('GET', servers('?limit=500'))).status).toBe(400);
  });

  it('gets a server, and answers 404 for unknown ids or a server of another config', async () => {
    const { body: created } = await api.request('POST', servers(), {
      body: { name: 'gettable', transport: 'stdio', command: 'x' },
    });
    const got = await api.request('GET', servers(`/${created.id}`));
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created);
    expect((await api.request('GET', servers(`/${UNKNOWN}`))).status).toBe(404);
    const other = (await api.createConfig('other home')).id;
    expect((await api.request('GET', `/api/v1/mcp-configs/${other}/servers/${created.id}`)).status).toBe(404);
    expect((await api.request('GET', servers('/not-a-uuid'))).status).toBe(400);
  });

  it('updates a server: masked values round-trip, given maps replace, transport rules hold', async () => {
    const { body: created } = await api.request('POST', servers(), {
      body: {
        name: 'editable',
        transport: 'streamable-http',
        url: 'https://a.example.com',
        headers: { A: '1', B: '2' },
        oauth: { tokenUrl: 'https://t.example.com', clientId: 'c', clientSecret: 's' },
      },
    });
    const before = await api.query('SELECT headers, oauth FROM mcp_servers WHERE id = $1', [created.id]);
    const { body: current } = await api.request('GET', servers(`/${created.id}`));
    const { id: _id, configId: _c, createdAt: _a, updatedAt: _u, ...editable } = current;
    const same = await api.request('PATCH', servers(`/${created.id}`), {
      body: { ...editable, callTimeoutMs: 1234 },
    });
    expect(same.status).toBe(200);
    expect(same.body.callTimeoutMs).toBe(1234);
    const after = await api.query('SELECT headers, oauth FROM mcp_servers WHERE id = $1', [created.id]);
    expect(after.rows[0]).toEqual(before.rows[0]);

    const replaced = await api.request('PATCH', servers(`/${created.id}`), {
      body: { headers: { B: '********', C: '3' }, oauth: null },
    });
    expect(replaced.body).toMatchObject({ headers: { B: '********', C: '********' }, oauth: null });
    const stored = await api.query('SELECT headers FROM mcp_servers WHERE id = $1', [created.id]);
    expect(stored.rows[0].headers.B).toBe(before.rows[0].headers.B);
    expect(Object.keys(stored.rows[0].headers).sort()).toEqual(['B', 'C']);
    await api.waitForSnapshot((s) =>
      expect(Object.keys(s.servers[created.id]?.headers ?? {}).sort()).toEqual(['B', 'C']),
    );

    expect(
      (await api.request('PATCH', servers(`/${created.id}`), { body: { headers: { Z: '********' } } }))
        .status,
    ).toBe(400);
    expect(
      (await api.request('PATCH', servers(`/${created.id}`), { body: { transport: 'stdio' } })).status,
    ).toBe(400);
    const toStdio = await api.request('PATCH', servers(`/${created.id}`), {
      body: { transport: 'stdio', command: 'run' },
    });
    expect(toStdio.body).toMatchObject({ transport: 'stdio', command: 'run' });
    expect((await api.request('PATCH', servers(`/${created.id}`), { body: { name: 'files' } })).status).toBe(
      409,
    );
    expect(
      (await api.request('PATCH', servers(`/${created.id}`), { body: { toolPrefix: 'Remote' } })).status,
    ).toBe(409);
    expect(
      (await api.request('PATCH', servers(`/${created.id}`), { body: { inputPolicyId: UNKNOWN } })).status,
    ).toBe(404);
    expect((await api.request('PATCH', servers(`/${created.id}`), { body: { enabled: 'no' } })).status).toBe(
      400,
    );
    expect((await api.request('PATCH', servers(`/${UNKNOWN}`), { body: {} })).status).toBe(404);
    const renamed = await api.request('PATCH', servers(`/${created.id}`), {
      body: { name: 'edited', inputPolicyId: policyId },
    });
    expect(renamed.body).toMatchObject({ name: 'edited', inputPolicyId: policyId });
  });

  it('deletes a server with its tool pins', async () => {
    const created = await api.createServer(configId, stdioServer('deletable', { command: 'x' }));
    const pin = await api.query(
      `INSERT INTO tool_pins (id, server_id, tool_name, status, approved_hash, updated_at)
       VALUES (gen_random_uuid(), $1, 'tool', 'approved', 'h', now()) RETURNING id`,
      [created.id],
    );
    await api.waitForSnapshot((s) => expect(s.servers[created.id]).toBeDefined());
    expect((await api.request('DELETE', servers(`/${created.id}`))).status).toBe(204);
    expect((await api.request('GET', servers(`/${created.id}`))).status).toBe(404);
    expect((await api.request('DELETE', servers(`/${created.id}`))).status).toBe(404);
    const pins = await api.query('SELECT count(*)::int AS n FROM tool_pins WHERE id = $1', [pin.rows[0].id]);
    expect(pins.rows[0].n).toBe(0);
    await api.waitForSnapshot((s) => expect(s.servers[created.id]).toBeUndefined());
  });

  it('requires an admin key', async () => {
    expect((await api.request('GET', servers(), { key: null })).status).toBe(401);
  });
});
