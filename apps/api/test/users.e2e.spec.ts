// Users over real HTTP against the real app, Postgres and Redis: create, upsert, list, get, update,
// delete, validation and auth errors.
import { describe, expect, it } from 'vitest';
import { useApi } from './api-harness';

describe('users API', () => {
  const api = useApi();

  it('creates a user and refuses a second one with the same e-mail address', async () => {
    const created = await api.request('POST', '/api/v1/users', {
      body: { email: 'Ada@Example.com', name: 'Ada' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'ada@example.com', name: 'Ada' });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(created.body.createdAt).toISOString()).toBe(created.body.createdAt);

    const clash = await api.request('POST', '/api/v1/users', { body: { email: 'ada@example.com' } });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
  });

  it('upserts by e-mail address without duplicating', async () => {
    const first = await api.request('PUT', '/api/v1/users', {
      body: { email: 'grace@example.com', name: 'G' },
    });
    const second = await api.request('PUT', '/api/v1/users', {
      body: { email: 'grace@example.com', name: 'Grace' },
    });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ id: first.body.id, name: 'Grace' });
    const list = await api.request('GET', '/api/v1/users?email=grace@example.com');
    expect(list.body.items).toHaveLength(1);
  });

  it('lists with filters and cursor pagination, newest first', async () => {
    for (const n of [1, 2, 3]) await api.createUser(`page${n}@list.test`);
    const first = await api.request('GET', '/api/v1/users?q=list.test&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((u: { email: string }) => u.email)).toEqual([
      'page3@list.test',
      'page2@list.test',
    ]);
    const second = await api.request(
      'GET',
      `/api/v1/users?q=list.test&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((u: { email: string }) => u.email)).toEqual(['page1@list.test']);
    expect(second.body.nextCursor).toBeNull();
    expect((await api.request('GET', '/api/v1/users?cursor=garbage')).status).toBe(400);
  });

  it('gets, updates and deletes', async () => {
    const user = await api.createUser('tmp@example.com');
    expect((await api.request('GET', `/api/v1/users/${user.id}`)).body.email).toBe('tmp@example.com');
    const renamed = await api.request('PATCH', `/api/v1/users/${user.id}`, { body: { name: 'Temp' } });
    expect(renamed.body.name).toBe('Temp');
    expect((await api.request('DELETE', `/api/v1/users/${user.id}`)).status).toBe(204);
    expect((await api.request('GET', `/api/v1/users/${user.id}`)).status).toBe(404);
    expect((await api.request('DELETE', `/api/v1/users/${user.id}`)).status).toBe(404);
  });

  it('refuses an e-mail change that clashes', async () => {
    const a = await api.createUser('a@clash.test');
    await api.createUser('b@clash.test');
    expect(
      (await api.request('PATCH', `/api/v1/users/${a.id}`, { body: { email: 'b@clash.test' } })).status,
    ).toBe(409);
  });

  it('answers bad input with 400 and the list of bad fields', async () => {
    const bad = await api.request('POST', '/api/v1/users', { body: { email: 'not-an-email', extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['email']));
    expect(bad.text).not.toMatch(/at .*\.ts:\d+/);
    expect((await api.request('GET', '/api/v1/users/not-a-uuid')).status).toBe(400);
    const malformed = await api.request('POST', '/api/v1/users', { rawBody: '{"email": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(malformed.body.message).toMatch(/JSON/);
  });

  it('answers an oversized body with 413', async () => {
    const huge = await api.request('POST', '/api/v1/users', {
      body: { email: 'x@y.z', name: 'n'.repeat(1_100_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('requires an admin key', async () => {
    const none = await api.request('GET', '/api/v1/users', { key: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await api.request('GET', '/api/v1/users', { key: 'bgw_' + 'x'.repeat(40) });
    expect(wrong.status).toBe(401);
    expect((await api.request('GET', '/api/v1/users', { key: 'garbage' })).status).toBe(401);
  });

  it('replays a POST that repeats its Idempotency-Key, and refuses the key for another request', async () => {
    const headers = { 'idempotency-key': 'create-lin-1' };
    const first = await api.request('POST', '/api/v1/users', { body: { email: 'lin@example.com' }, headers });
    const again = await api.request('POST', '/api/v1/users', { body: { email: 'lin@example.com' }, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const misuse = await api.request('POST', '/api/v1/users', {
      body: { email: 'other@example.com' },
      headers,
    });
    expect(misuse.status).toBe(422);
  });
});
