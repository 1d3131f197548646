// API key error paths over real HTTP against the real app and Postgres: self-lockout (409), unknown
// project, user or key (404), bad input (400) and a gateway key on the REST API (403).
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './api-harness';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('api keys API errors', () => {
  const api = useApi();
  let projectId: string;
  let userId: string;

  beforeAll(async () => {
    projectId = (await api.createProject('p1')).id;
    userId = (await api.createUser('keys@example.com')).id;
  });

  /** The raw answer to an issue request: these tests look at the refusals. */
  const createKey = (body: Record<string, unknown>) => api.request('POST', '/api/v1/api-keys', { body });
  const callsRest = async (key: string) => (await api.request('GET', '/api/v1/users', { key })).status;

  it('refuses to disable, delete or expire the admin key the request is made with', async () => {
    const admin = await api.createAdminKey();
    const asSelf = { key: admin.key };
    const expiry = { expiresAt: new Date(Date.now() + 86_400_000).toISOString() };
    const disable = await api.request('POST', `/api/v1/api-keys/${admin.id}/disable`, asSelf);
    expect(disable.status).toBe(409);
    expect(disable.body.message).toMatch(/authenticated with/);
    expect((await api.request('DELETE', `/api/v1/api-keys/${admin.id}`, asSelf)).status).toBe(409);
    expect(
      (await api.request('PATCH', `/api/v1/api-keys/${admin.id}`, { ...asSelf, body: expiry })).status,
    ).toBe(409);
    expect(
      (await api.request('PATCH', `/api/v1/api-keys/${admin.id}`, { ...asSelf, body: { name: 'me' } }))
        .status,
    ).toBe(200);
    expect(await callsRest(admin.key)).toBe(200);
    expect((await api.request('POST', `/api/v1/api-keys/${admin.id}/disable`)).status).toBe(200);
    const admins = await api.request('GET', '/api/v1/api-keys?kind=admin');
    const bootstrap = admins.body.items.find((k: { name: string | null }) => k.name === 'bootstrap');
    expect((await api.request('DELETE', `/api/v1/api-keys/${bootstrap.id}`)).status).toBe(409);
    expect(await callsRest(api.adminKey)).toBe(200);
  });

  it('answers 404 for an unknown project, user or key', async () => {
    const noProject = await createKey({ projectId: UNKNOWN_ID, userId });
    expect(noProject.status).toBe(404);
    expect(noProject.body.message).toMatch(/Project/);
    const noUser = await createKey({ projectId, userId: UNKNOWN_ID });
    expect(noUser.status).toBe(404);
    expect(noUser.body.message).toMatch(/User/);
    expect((await createKey({ kind: 'admin', userId: UNKNOWN_ID })).status).toBe(404);
    const base = `/api/v1/api-keys/${UNKNOWN_ID}`;
    expect((await api.request('GET', base)).status).toBe(404);
    expect((await api.request('PATCH', base, { body: { name: 'x' } })).status).toBe(404);
    expect((await api.request('DELETE', base)).status).toBe(404);
    for (const action of ['rotate', 'disable', 'enable']) {
      expect((await api.request('POST', `${base}/${action}`)).status).toBe(404);
    }
  });

  it('answers bad input with 400 and the list of bad fields', async () => {
    const paths = async (body: unknown) => {
      const response = await api.request('POST', '/api/v1/api-keys', { body });
      expect(response.status).toBe(400);
      return response.body.details.map((d: { path: string }) => d.path);
    };
    expect(await paths({})).toEqual(expect.arrayContaining(['projectId', 'userId']));
    expect(await paths({ kind: 'admin', projectId })).toEqual(['projectId']);
    expect(await paths({ kind: 'root' })).toContain('kind');
    expect(await paths({ projectId, userId, name: 'n'.repeat(101) })).toEqual(['name']);
    expect(await paths({ projectId, userId, expiresAt: '2001-01-01T00:00:00Z' })).toEqual(['expiresAt']);
    expect(await paths({ projectId, userId, expiresAt: 'tomorrow' })).toEqual(['expiresAt']);
    expect(await paths({ projectId: 'p', userId })).toEqual(['projectId']);
    expect(
      (await api.request('POST', '/api/v1/api-keys', { body: { projectId, userId, key: 'bgw_x' } })).status,
    ).toBe(400);
    expect((await api.request('GET', '/api/v1/api-keys/not-a-uuid')).status).toBe(400);
    expect(
      (await api.request('PATCH', `/api/v1/api-keys/${UNKNOWN_ID}`, { body: { status: 'x' } })).status,
    ).toBe(400);
  });

  it('refuses a gateway key on the REST API with 403', async () => {
    const gateway = await api.createGatewayKey(projectId, userId);
    const response = await api.request('GET', '/api/v1/api-keys', { key: gateway.key });
    expect(response.status).toBe(403);
    expect((await api.request('GET', '/api/v1/api-keys', { key: null })).status).toBe(401);
  });
});
