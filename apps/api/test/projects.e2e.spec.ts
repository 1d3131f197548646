// Projects over real HTTP against the real app, Postgres and Redis: create, upsert, list, get,
// update, the 400/404/409 answers, and the snapshot entry they publish. Assign/unassign and delete
// as the workers see them: projects-snapshot.e2e.spec.ts.
import { describe, expect, it } from 'vitest';
import { useApi } from './api-harness';

describe('projects API', () => {
  const api = useApi();

  /** Waits until the workers' snapshot holds exactly `expected` for the project (undefined: none). */
  const expectSnapshotProject = (id: string, expected: unknown) =>
    api.waitForSnapshot((s) => expect(s.projects[id]).toEqual(expected));
  const post = (body: unknown) => api.request('POST', '/api/v1/projects', { body });

  it('creates a project with a trimmed name and refuses a second one with the same name', async () => {
    const created = await post({ name: '  Alpha  ', description: 'First' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Alpha',
      description: 'First',
      mcpConfigId: null,
      memberCount: 0,
    });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(created.body.createdAt).toISOString()).toBe(created.body.createdAt);
    expect(new Date(created.body.updatedAt).toISOString()).toBe(created.body.updatedAt);

    const clash = await post({ name: 'Alpha' });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
  });

  it('creates a project with an MCP config, and answers 404 for an unknown one', async () => {
    const { id: configId } = await api.createConfig('create-cfg');
    const created = await post({ name: 'with-config', mcpConfigId: configId });
    expect(created.status).toBe(201);
    expect(created.body.mcpConfigId).toBe(configId);
    await expectSnapshotProject(created.body.id, {
      id: created.body.id,
      name: 'with-config',
      mcpConfigId: configId,
    });

    const unknown = await post({ name: 'ghost-config', mcpConfigId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/MCP config/);
    expect((await api.request('GET', '/api/v1/projects?q=ghost-config')).body.items).toHaveLength(0);
  });

  it('answers bad input with 400 and the list of bad fields', async () => {
    for (const name of ['', '   ', '-dash', '.dot', 'a/b', 'tab\tname', 'x'.repeat(101), 'ünïcode', 42]) {
      const bad = await post({ name });
      expect(bad.status, `name ${JSON.stringify(name)}`).toBe(400);
      expect(bad.body.details.map((d: { path: string }) => d.path)).toContain('name');
    }
    expect((await post({ name: 'x'.repeat(100) })).status).toBe(201);
    expect((await post({ name: 'Ok name_1.2-3' })).status).toBe(201);
    const extra = await post({ name: 'extra', owner: 'me' });
    expect(extra.status).toBe(400);
    const badConfig = await post({ name: 'bad-config', mcpConfigId: 'nope' });
    expect(badConfig.body.details.map((d: { path: string }) => d.path)).toEqual(['mcpConfigId']);
    expect((await post(undefined)).status).toBe(400);
    expect((await api.request('POST', '/api/v1/projects', { rawBody: '{"name": ' })).status).toBe(400);
    expect((await api.request('GET', '/api/v1/projects/not-a-uuid')).status).toBe(400);
    expect((await api.request('PATCH', '/api/v1/projects/not-a-uuid', { body: {} })).status).toBe(400);
    expect((await api.request('DELETE', '/api/v1/projects/not-a-uuid')).status).toBe(400);
  });

  it('upserts by name without duplicating', async () => {
    const { id: configId } = await api.createConfig('upsert-cfg');
    const first = await api.request('PUT', '/api/v1/projects', { body: { name: 'upsert-me' } });
    expect(first.status).toBe(201);
    await expectSnapshotProject(first.body.id, { id: first.body.id, name: 'upsert-me', mcpConfigId: null });

    const second = await api.request('PUT', '/api/v1/projects', {
      body: { name: ' upsert-me ', description: 'now described', mcpConfigId: configId },
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      id: first.body.id,
      description: 'now described',
      mcpConfigId: configId,
    });
    await expectSnapshotProject(first.body.id, {
      id: first.body.id,
      name: 'upsert-me',
      mcpConfigId: configId,
    });

    const unchanged = await api.request('PUT', '/api/v1/projects', { body: { name: 'upsert-me' } });
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).toMatchObject({ description: 'now described', mcpConfigId: configId });

    const cleared = await api.request('PUT', '/api/v1/projects', {
      body: { name: 'upsert-me', mcpConfigId: null },
    });
    expect(cleared.body.mcpConfigId).toBeNull();
    const missing = { name: 'upsert-me', mcpConfigId: '00000000-0000-4000-8000-000000000001' };
    expect((await api.request('PUT', '/api/v1/projects', { body: missing })).status).toBe(404);
    expect((await api.request('PUT', '/api/v1/projects', { body: { name: '' } })).status).toBe(400);
    expect((await api.request('GET', '/api/v1/projects?q=upsert-me')).body.items).toHaveLength(1);
  });

  it('lists with filters and cursor pagination, newest first', async () => {
    const { id: configId } = await api.createConfig('list-cfg');
    for (const n of [1, 2, 3]) await post({ name: `Paged-${n}`, mcpConfigId: n === 2 ? configId : null });
    const first = await api.request('GET', '/api/v1/projects?q=paged-&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((p: { name: string }) => p.name)).toEqual(['Paged-3', 'Paged-2']);
    expect(first.body.items[0]).toHaveProperty('memberCount', 0);
    const second = await api.request(
      'GET',
      `/api/v1/projects?q=PAGED-&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((p: { name: string }) => p.name)).toEqual(['Paged-1']);
    expect(second.body.nextCursor).toBeNull();

    const byConfig = await api.request('GET', `/api/v1/projects?mcpConfigId=${configId}`);
    expect(byConfig.body.items.map((p: { name: string }) => p.name)).toEqual(['Paged-2']);
    expect((await api.request('GET', '/api/v1/projects?cursor=garbage')).status).toBe(400);
    expect((await api.request('GET', '/api/v1/projects?mcpConfigId=nope')).status).toBe(400);
    expect((await api.request('GET', '/api/v1/projects?limit=0')).status).toBe(400);
    expect((await api.request('GET', '/api/v1/projects?unknown=1')).status).toBe(400);
  });

  it('gets a project with its member count, and 404 for an unknown one', async () => {
    const { body: project } = await post({ name: 'counted' });
    const user = await api.createUser('counted@example.com');
    await api.addMember(project.id, user.id);
    const got = await api.request('GET', `/api/v1/projects/${project.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: project.id, name: 'counted', mcpConfigId: null, memberCount: 1 });
    const missing = await api.request('GET', '/api/v1/projects/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('renames and describes with PATCH, refusing clashes, unknown configs and unknown projects', async () => {
    const { body: project } = await post({ name: 'rename-me' });
    await post({ name: 'taken' });
    const renamed = await api.request('PATCH', `/api/v1/projects/${project.id}`, {
      body: { name: ' renamed ', description: 'described' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'renamed', description: 'described' });
    await expectSnapshotProject(project.id, { id: project.id, name: 'renamed', mcpConfigId: null });

    const path = `/api/v1/projects/${project.id}`;
    expect((await api.request('PATCH', path, { body: { name: 'renamed' } })).status).toBe(200);
    expect((await api.request('PATCH', path, { body: { description: null } })).body.description).toBeNull();
    expect((await api.request('PATCH', path, { body: { name: 'taken' } })).status).toBe(409);
    const noConfig = { mcpConfigId: '00000000-0000-4000-8000-000000000002' };
    expect((await api.request('PATCH', path, { body: noConfig })).status).toBe(404);
    expect((await api.request('PATCH', path, { body: { name: 'bad/name' } })).status).toBe(400);
    expect((await api.request('PATCH', path, { body: { id: project.id } })).status).toBe(400);
    const unknown = '/api/v1/projects/00000000-0000-4000-8000-000000000003';
    expect((await api.request('PATCH', unknown, { body: { name: 'x' } })).status).toBe(404);
  });

  it('replays a POST that repeats its Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'create-project-1' };
    const first = await api.request('POST', '/api/v1/projects', { body: { name: 'idem' }, headers });
    const again = await api.request('POST', '/api/v1/projects', { body: { name: 'idem' }, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
  });

  it('requires an admin key', async () => {
    expect((await api.request('GET', '/api/v1/projects', { key: null })).status).toBe(401);
    expect((await api.request('POST', '/api/v1/projects', { key: null, body: { name: 'x' } })).status).toBe(
      401,
    );
  });
});
