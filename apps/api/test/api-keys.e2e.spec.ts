// API keys over real HTTP against the real app and Postgres: issue (plaintext once), masked reads,
// hash-only storage, rotation, disable/enable, delete and expiry. The admin keys created here are
// used for real REST calls to prove which secrets work. Error paths: api-keys-errors.e2e.spec.ts.
import { hashApiKey } from '@bastion/crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './api-harness';

const KEY_PATTERN = /^bgw_[0-9A-Za-z]{40}$/;

describe('api keys API', () => {
  const api = useApi();
  let projectId: string;
  let userId: string;

  beforeAll(async () => {
    projectId = (await api.createProject('p1')).id;
    userId = (await api.createUser('keys@example.com')).id;
  });

  /** The raw answer to an issue request, for the tests that look at it. */
  const createKey = (body: Record<string, unknown>) => api.request('POST', '/api/v1/api-keys', { body });
  const callsRest = async (key: string) => (await api.request('GET', '/api/v1/users', { key })).status;

  it('issues a gateway key and returns its plaintext once', async () => {
    const created = await createKey({ projectId, userId, name: 'laptop' });
    expect(created.status).toBe(201);
    const key = created.body;
    expect(key.key).toMatch(KEY_PATTERN);
    expect(key).toMatchObject({ kind: 'gateway', name: 'laptop', projectId, userId, status: 'active' });
    expect(key).toMatchObject({ expiresAt: null, expired: false, rotatedAt: null });
    expect(key.keyPrefix).toBe(key.key.slice(0, 8));
    expect(key.lastFour).toBe(key.key.slice(-4));
    expect(key.masked).toBe(`${key.keyPrefix}…${key.lastFour}`);
    expect(key).not.toHaveProperty('keyHash');
    expect(new Date(key.createdAt).toISOString()).toBe(key.createdAt);
  });

  it('shows keys masked in lists and gets, never their plaintext or hash', async () => {
    const created = await api.createGatewayKey(projectId, userId);
    const hash = hashApiKey(created.key);
    const got = await api.request('GET', `/api/v1/api-keys/${created.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: created.id, masked: created.masked, lastFour: created.lastFour });
    expect(got.body).not.toHaveProperty('key');
    const list = await api.request('GET', `/api/v1/api-keys?projectId=${projectId}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((k: { id: string }) => k.id)).toContain(created.id);
    for (const response of [got, list]) {
      expect(response.text).not.toContain(created.key);
      expect(response.text).not.toContain(hash);
      expect(response.text).not.toContain('keyHash');
    }
  });

  it('stores only the SHA-256 hash of a key', async () => {
    const created = await api.createGatewayKey(projectId, userId);
    // Behind the API's back on purpose: what Postgres holds is the point.
    const row = await api.query(
      'SELECT row_to_json(k)::text AS json, key_hash FROM api_keys k WHERE id = $1',
      [created.id],
    );
    expect(row.rows[0].key_hash).toBe(hashApiKey(created.key));
    expect(row.rows[0].json).not.toContain(created.key);
    expect(row.rows[0].json).not.toContain(created.key.slice(8, -4));
  });

  it('filters and paginates the list, newest first', async () => {
    const other = await api.createUser('pager@example.com');
    const ids: string[] = [];
    for (const n of [1, 2, 3])
      ids.push((await api.createGatewayKey(projectId, other.id, { name: `k${n}` })).id);
    const first = await api.request('GET', `/api/v1/api-keys?userId=${other.id}&limit=2`);
    expect(first.body.items.map((k: { id: string }) => k.id)).toEqual([ids[2], ids[1]]);
    const second = await api.request(
      'GET',
      `/api/v1/api-keys?userId=${other.id}&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((k: { id: string }) => k.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeNull();
    const admins = await api.request('GET', '/api/v1/api-keys?kind=admin');
    expect(admins.body.items.every((k: { kind: string }) => k.kind === 'admin')).toBe(true);
    expect(admins.body.items.length).toBeGreaterThan(0);
    const disabled = await api.request('GET', `/api/v1/api-keys?status=disabled&userId=${other.id}`);
    expect(disabled.body.items).toEqual([]);
    for (const bad of [
      'kind=root',
      'status=off',
      'projectId=nope',
      'cursor=garbage',
      'limit=0',
      'colour=red',
    ]) {
      expect((await api.request('GET', `/api/v1/api-keys?${bad}`)).status).toBe(400);
    }
  });

  it('rotates a key: the old secret stops working at once, the new one works', async () => {
    const admin = await api.createAdminKey();
    expect(await callsRest(admin.key)).toBe(200);
    const rotated = await api.request('POST', `/api/v1/api-keys/${admin.id}/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.id).toBe(admin.id);
    expect(rotated.body.key).toMatch(KEY_PATTERN);
    expect(rotated.body.key).not.toBe(admin.key);
    expect(rotated.body.masked).toBe(`${rotated.body.key.slice(0, 8)}…${rotated.body.key.slice(-4)}`);
    expect(rotated.body.rotatedAt).not.toBeNull();
    expect(await callsRest(admin.key)).toBe(401);
    expect(await callsRest(rotated.body.key)).toBe(200);
    const row = await api.query('SELECT key_hash FROM api_keys WHERE id = $1', [admin.id]); // the stored hash
    expect(row.rows[0].key_hash).toBe(hashApiKey(rotated.body.key));
    expect((await api.request('GET', `/api/v1/api-keys/${admin.id}`)).text).not.toContain(rotated.body.key);
  });

  it('disables and enables a key', async () => {
    const admin = await api.createAdminKey();
    const disabled = await api.request('POST', `/api/v1/api-keys/${admin.id}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ id: admin.id, status: 'disabled' });
    expect(disabled.body).not.toHaveProperty('key');
    expect(await callsRest(admin.key)).toBe(401);
    expect((await api.request('POST', `/api/v1/api-keys/${admin.id}/disable`)).body.status).toBe('disabled');
    const enabled = await api.request('POST', `/api/v1/api-keys/${admin.id}/enable`);
    expect(enabled.status).toBe(200);
    expect(enabled.body.status).toBe('active');
    expect(await callsRest(admin.key)).toBe(200);
  });

  it('deletes a key', async () => {
    const admin = await api.createAdminKey();
    expect((await api.request('DELETE', `/api/v1/api-keys/${admin.id}`)).status).toBe(204);
    expect(await callsRest(admin.key)).toBe(401);
    expect((await api.request('GET', `/api/v1/api-keys/${admin.id}`)).status).toBe(404);
    expect((await api.request('DELETE', `/api/v1/api-keys/${admin.id}`)).status).toBe(404);
  });

  it('stops accepting a key once its expiry passes', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const admin = await api.createAdminKey({ expiresAt });
    expect(await callsRest(admin.key)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect(await callsRest(admin.key)).toBe(401);
    const got = await api.request('GET', `/api/v1/api-keys/${admin.id}`);
    expect(got.body).toMatchObject({ expiresAt, expired: true, status: 'active' });
  });

  it('renames a key and changes its expiry, refusing an expiry in the past', async () => {
    const key = await api.createGatewayKey(projectId, userId);
    const later = new Date(Date.now() + 86_400_000).toISOString();
    const patched = await api.request('PATCH', `/api/v1/api-keys/${key.id}`, {
      body: { name: 'ci', expiresAt: later },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'ci', expiresAt: later, expired: false });
    const past = await api.request('PATCH', `/api/v1/api-keys/${key.id}`, {
      body: { expiresAt: new Date(Date.now() - 1000).toISOString() },
    });
    expect(past.status).toBe(400);
    expect(past.body.details.map((d: { path: string }) => d.path)).toEqual(['expiresAt']);
    const cleared = await api.request('PATCH', `/api/v1/api-keys/${key.id}`, {
      body: { name: null, expiresAt: null },
    });
    expect(cleared.body).toMatchObject({ name: null, expiresAt: null });
  });

  it('creates an admin key with an optional owner and no project', async () => {
    const created = await createKey({ kind: 'admin', userId });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'admin', projectId: null, userId });
    expect(await callsRest(created.body.key)).toBe(200);
  });

  it('replays a create that repeats its Idempotency-Key instead of issuing a second key', async () => {
    const headers = { 'idempotency-key': 'issue-key-1' };
    const first = await api.request('POST', '/api/v1/api-keys', { body: { projectId, userId }, headers });
    const again = await api.request('POST', '/api/v1/api-keys', { body: { projectId, userId }, headers });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toMatchObject({ id: first.body.id, key: first.body.key });
    // The replay store is not readable through the API: check the stored responses in Postgres.
    const stored = await api.query('SELECT response_body::text AS body FROM idempotency_records');
    for (const row of stored.rows) expect(row.body).not.toContain(first.body.key);
  });
});
