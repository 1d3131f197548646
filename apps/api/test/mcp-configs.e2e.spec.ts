// MCP configs over real HTTP against the real app, Postgres and Redis: create, upsert, list, get,
// update, the Redis snapshot the workers read, validation and auth errors. Copy and delete (with its
// cascade): mcp-configs-cascade.e2e.spec.ts.
import { describe, expect, it } from 'vitest';
import { stdioServer, useApi } from './api-harness';

describe('MCP configs API', () => {
  const api = useApi();

  it('creates a config with defaults, publishes it, and refuses a second one with the same name', async () => {
    const created = await api.request('POST', '/api/v1/mcp-configs', { body: { name: 'dev tools' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'dev tools',
      description: null,
      pinningMode: 'trust-on-first-use',
      metaToolsEnabled: false,
      auditCapture: 'metadata',
      serverCount: 0,
      servers: [],
    });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(created.body.createdAt).toISOString()).toBe(created.body.createdAt);
    await api.waitForSnapshot((s) =>
      expect(s.configs[created.body.id]).toEqual({
        id: created.body.id,
        name: 'dev tools',
        pinningMode: 'trust-on-first-use',
        metaToolsEnabled: false,
        auditCapture: 'metadata',
      }),
    );
    const clash = await api.request('POST', '/api/v1/mcp-configs', { body: { name: 'dev tools' } });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
  });

  it('answers bad input with 400 and the bad fields', async () => {
    const bad = await api.request('POST', '/api/v1/mcp-configs', {
      body: { name: '', pinningMode: 'sometimes', metaToolsEnabled: 'yes', extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['name', 'pinningMode', 'metaToolsEnabled']),
    );
    expect((await api.request('POST', '/api/v1/mcp-configs', { body: {} })).status).toBe(400);
    expect((await api.request('GET', '/api/v1/mcp-configs/not-a-uuid')).status).toBe(400);
  });

  it('upserts by name: 201 when created, 200 after, publishing only real changes', async () => {
    const first = await api.request('PUT', '/api/v1/mcp-configs', {
      body: { name: 'upserted', metaToolsEnabled: true },
    });
    expect(first.status).toBe(201);
    const second = await api.request('PUT', '/api/v1/mcp-configs', {
      body: { name: 'upserted', pinningMode: 'require-approval', description: 'strict' },
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      id: first.body.id,
      pinningMode: 'require-approval',
      metaToolsEnabled: true,
      description: 'strict',
    });
    await api.waitForSnapshot((s) => expect(s.configs[first.body.id]?.pinningMode).toBe('require-approval'));
    const same = await api.request('PUT', '/api/v1/mcp-configs', { body: { name: 'upserted' } });
    expect(same.status).toBe(200);
    expect(same.body.updatedAt).toBe(second.body.updatedAt);
    expect(
      (await api.request('PUT', '/api/v1/mcp-configs', { body: { name: 'x', bogus: true } })).status,
    ).toBe(400);
  });

  it('lists with server counts, a text filter and cursor pagination, newest first', async () => {
    for (const n of [1, 2, 3]) await api.createConfig({ name: `page ${n}`, description: 'listed' });
    const { body: withServer } = await api.request('GET', '/api/v1/mcp-configs?q=page 1');
    await api.createServer(withServer.items[0].id, stdioServer('one'));
    const first = await api.request('GET', '/api/v1/mcp-configs?q=LISTED&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((c: { name: string }) => c.name)).toEqual(['page 3', 'page 2']);
    expect(first.body.items[0].servers).toBeUndefined();
    const second = await api.request(
      'GET',
      `/api/v1/mcp-configs?q=listed&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items).toMatchObject([{ name: 'page 1', serverCount: 1 }]);
    expect(second.body.nextCursor).toBeNull();
    expect((await api.request('GET', '/api/v1/mcp-configs?cursor=garbage')).status).toBe(400);
    expect((await api.request('GET', '/api/v1/mcp-configs?limit=0')).status).toBe(400);
  });

  it('gets a config with its servers, and answers 404 for an unknown id', async () => {
    const config = await api.createConfig('with servers');
    await api.createServer(config.id, stdioServer('alpha', { env: { TOKEN: 'hidden-1' } }));
    await api.createServer(config.id, {
      name: 'beta',
      transport: 'sse',
      url: 'https://beta.example.com/sse',
    });
    const got = await api.request('GET', `/api/v1/mcp-configs/${config.id}`);
    expect(got.status).toBe(200);
    expect(got.body.serverCount).toBe(2);
    expect(got.body.servers.map((s: { name: string }) => s.name)).toEqual(['alpha', 'beta']);
    expect(got.body.servers[0].env).toEqual({ TOKEN: '********' });
    const missing = await api.request('GET', '/api/v1/mcp-configs/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
  });

  it('updates a config, refusing a name that is taken, and publishes the change', async () => {
    const config = await api.createConfig('to change');
    await api.createConfig('taken name');
    const changed = await api.request('PATCH', `/api/v1/mcp-configs/${config.id}`, {
      body: { name: 'changed', metaToolsEnabled: true, description: 'now with meta-tools' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: 'changed',
      metaToolsEnabled: true,
      description: 'now with meta-tools',
    });
    await api.waitForSnapshot((s) =>
      expect(s.configs[config.id]).toMatchObject({ name: 'changed', metaToolsEnabled: true }),
    );
    const cleared = await api.request('PATCH', `/api/v1/mcp-configs/${config.id}`, {
      body: { description: null },
    });
    expect(cleared.body.description).toBeNull();
    const clash = await api.request('PATCH', `/api/v1/mcp-configs/${config.id}`, {
      body: { name: 'taken name' },
    });
    expect(clash.status).toBe(409);
    expect(
      (await api.request('PATCH', `/api/v1/mcp-configs/${config.id}`, { body: { pinningMode: 'x' } })).status,
    ).toBe(400);
    const unknown = await api.request('PATCH', '/api/v1/mcp-configs/00000000-0000-4000-8000-000000000000', {
      body: {},
    });
    expect(unknown.status).toBe(404);
  });

  it('takes the audit capture level on create, PUT and PATCH, returns it, publishes it and keeps it on copy', async () => {
    const created = await api.request('POST', '/api/v1/mcp-configs', {
      body: { name: 'captured', auditCapture: 'payload' },
    });
    expect(created.status).toBe(201);
    expect(created.body.auditCapture).toBe('payload');
    const id = created.body.id as string;
    await api.waitForSnapshot((s) => expect(s.configs[id]?.auditCapture).toBe('payload'));

    const put = await api.request('PUT', '/api/v1/mcp-configs', {
      body: { name: 'captured', auditCapture: 'none' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id, auditCapture: 'none' });
    expect((await api.request('GET', `/api/v1/mcp-configs/${id}`)).body.auditCapture).toBe('none');
    await api.waitForSnapshot((s) => expect(s.configs[id]?.auditCapture).toBe('none'));

    const untouched = await api.request('PATCH', `/api/v1/mcp-configs/${id}`, { body: { description: 'x' } });
    expect(untouched.body.auditCapture).toBe('none');
    const patched = await api.request('PATCH', `/api/v1/mcp-configs/${id}`, {
      body: { auditCapture: 'payload' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.auditCapture).toBe('payload');
    const listed = await api.request('GET', '/api/v1/mcp-configs?q=captured');
    expect(listed.body.items).toEqual([expect.objectContaining({ id, auditCapture: 'payload' })]);

    const copy = await api.request('POST', `/api/v1/mcp-configs/${id}/copy`, {
      body: { name: 'captured copy' },
    });
    expect(copy.status).toBe(201);
    expect(copy.body.auditCapture).toBe('payload');

    for (const [method, path, body] of [
      ['POST', '/api/v1/mcp-configs', { name: 'bad capture', auditCapture: 'everything' }],
      ['PUT', '/api/v1/mcp-configs', { name: 'captured', auditCapture: 'all' }],
      ['PATCH', `/api/v1/mcp-configs/${id}`, { auditCapture: 'PAYLOAD' }],
    ] as const) {
      const bad = await api.request(method, path, { body });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { path: string }) => d.path)).toContain('auditCapture');
    }
  });

  it('requires an admin key', async () => {
    const none = await api.request('GET', '/api/v1/mcp-configs', { key: null });
    expect(none.status).toBe(401);
    expect(
      (await api.request('POST', '/api/v1/mcp-configs', { key: null, body: { name: 'x' } })).status,
    ).toBe(401);
  });

  it('replays a POST that repeats its Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'create-config-1' };
    const first = await api.request('POST', '/api/v1/mcp-configs', { body: { name: 'idempotent' }, headers });
    const again = await api.request('POST', '/api/v1/mcp-configs', { body: { name: 'idempotent' }, headers });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('documents every endpoint with a unique operationId', async () => {
    const doc = await api.request('GET', '/api/docs-json', { key: null });
    const ids = Object.values(
      doc.body.paths as Record<string, Record<string, { operationId: string }>>,
    ).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    for (const id of [
      'createMcpConfig',
      'upsertMcpConfig',
      'listMcpConfigs',
      'getMcpConfig',
      'updateMcpConfig',
      'deleteMcpConfig',
      'copyMcpConfig',
      'validateMcpConfig',
    ]) {
      expect(ids.filter((x) => x === id)).toHaveLength(1);
    }
  });
});
