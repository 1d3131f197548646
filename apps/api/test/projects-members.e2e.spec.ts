// Project memberships over real HTTP against the real app and Postgres: add (201) or re-add
// (200, role updated), list, change role, remove, the 404s and 400s, and the guarantee that
// memberships publish nothing to the proxy workers (the config version does not move).
import { describe, expect, it } from 'vitest';
import { useApi } from './api-harness';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('project members API', () => {
  const api = useApi();

  const project = async (name: string) => (await api.createProject(name)).id;
  const user = async (email: string, name?: string) => (await api.createUser({ email, name })).id;
  const members = (projectId: string) => `/api/v1/projects/${projectId}/members`;

  it('adds a member with the default role, then updates the role when added again', async () => {
    const projectId = await project('team');
    const userId = await user('ada@team.test', 'Ada');
    const versionBefore = await api.configVersion();

    const added = await api.request('POST', members(projectId), { body: { userId } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      projectId,
      userId,
      email: 'ada@team.test',
      name: 'Ada',
      role: 'member',
    });
    expect(new Date(added.body.createdAt).toISOString()).toBe(added.body.createdAt);

    const promoted = await api.request('POST', members(projectId), { body: { userId, role: 'admin' } });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('admin');
    const again = await api.request('POST', members(projectId), { body: { userId } });
    expect(again.status).toBe(200);
    expect(again.body.role).toBe('admin');
    const put = await api.request('PUT', members(projectId), { body: { userId, role: 'owner' } });
    expect(put.status).toBe(200);
    expect(put.body.role).toBe('owner');

    expect((await api.request('GET', `/api/v1/projects/${projectId}`)).body.memberCount).toBe(1);
    expect(await api.configVersion()).toBe(versionBefore);
  });

  it('adds with PUT when the user is not a member yet', async () => {
    const projectId = await project('put-team');
    const userId = await user('put@team.test');
    const added = await api.request('PUT', members(projectId), { body: { userId, role: 'viewer' } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ userId, role: 'viewer', name: null });
  });

  it('lists members with their e-mail address, name and role, earliest first', async () => {
    const projectId = await project('listed');
    const first = await user('first@list.test', 'First');
    const second = await user('second@list.test');
    await api.request('POST', members(projectId), { body: { userId: first, role: 'owner' } });
    await api.request('POST', members(projectId), { body: { userId: second, role: 'viewer' } });
    const list = await api.request('GET', members(projectId));
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ userId: first, email: 'first@list.test', name: 'First', role: 'owner' }),
      expect.objectContaining({ userId: second, email: 'second@list.test', name: null, role: 'viewer' }),
    ]);
    expect((await api.request('GET', members(await project('empty')))).body).toEqual({ items: [] });
    expect((await api.request('GET', members(UNKNOWN))).status).toBe(404);
  });

  it('changes a role with PATCH', async () => {
    const projectId = await project('patched');
    const userId = await user('patch@team.test');
    await api.request('POST', members(projectId), { body: { userId } });
    const changed = await api.request('PATCH', `${members(projectId)}/${userId}`, {
      body: { role: 'viewer' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ projectId, userId, role: 'viewer' });
    expect((await api.request('GET', members(projectId))).body.items[0].role).toBe('viewer');

    const outsider = await user('outsider@team.test');
    expect(
      (await api.request('PATCH', `${members(projectId)}/${outsider}`, { body: { role: 'admin' } })).status,
    ).toBe(404);
    expect(
      (await api.request('PATCH', `${members(UNKNOWN)}/${userId}`, { body: { role: 'admin' } })).status,
    ).toBe(404);
    expect(
      (await api.request('PATCH', `${members(projectId)}/${userId}`, { body: { role: 'boss' } })).status,
    ).toBe(400);
    expect((await api.request('PATCH', `${members(projectId)}/${userId}`, { body: {} })).status).toBe(400);
    expect(
      (await api.request('PATCH', `${members(projectId)}/nope`, { body: { role: 'admin' } })).status,
    ).toBe(400);
  });

  it('removes a member, and answers 404 when the user is not a member', async () => {
    const projectId = await project('leaving');
    const userId = await user('leaver@team.test');
    await api.request('POST', members(projectId), { body: { userId } });
    const versionBefore = await api.configVersion();
    expect((await api.request('DELETE', `${members(projectId)}/${userId}`)).status).toBe(204);
    expect((await api.request('GET', members(projectId))).body.items).toEqual([]);
    expect((await api.request('GET', `/api/v1/users/${userId}`)).status).toBe(200);
    const again = await api.request('DELETE', `${members(projectId)}/${userId}`);
    expect(again.status).toBe(404);
    expect(again.body.message).toMatch(/not a member/);
    expect((await api.request('DELETE', `${members(UNKNOWN)}/${userId}`)).status).toBe(404);
    expect((await api.request('DELETE', `${members(projectId)}/not-a-uuid`)).status).toBe(400);
    expect(await api.configVersion()).toBe(versionBefore);
  });

  it('answers 404 for an unknown project or user, and 400 for bad input', async () => {
    const projectId = await project('strict');
    const userId = await user('strict@team.test');
    const noProject = await api.request('POST', members(UNKNOWN), { body: { userId } });
    expect(noProject.status).toBe(404);
    expect(noProject.body.message).toMatch(/Project/);
    const noUser = await api.request('POST', members(projectId), { body: { userId: UNKNOWN } });
    expect(noUser.status).toBe(404);
    expect(noUser.body.message).toMatch(/User/);

    const badRole = await api.request('POST', members(projectId), { body: { userId, role: 'boss' } });
    expect(badRole.status).toBe(400);
    expect(badRole.body.details.map((d: { path: string }) => d.path)).toEqual(['role']);
    expect((await api.request('POST', members(projectId), { body: { userId: 'nope' } })).status).toBe(400);
    expect((await api.request('POST', members(projectId), { body: {} })).status).toBe(400);
    expect((await api.request('POST', members(projectId), { body: { userId, extra: true } })).status).toBe(
      400,
    );
    expect((await api.request('POST', members('not-a-uuid'), { body: { userId } })).status).toBe(400);
    expect((await api.request('GET', members('not-a-uuid'))).status).toBe(400);
  });

  it('drops memberships when the user is deleted', async () => {
    const projectId = await project('user-gone');
    const userId = await user('gone@team.test');
    await api.request('POST', members(projectId), { body: { userId } });
    expect((await api.request('DELETE', `/api/v1/users/${userId}`)).status).toBe(204);
    expect((await api.request('GET', members(projectId))).body.items).toEqual([]);
    expect((await api.request('GET', `/api/v1/projects/${projectId}`)).body.memberCount).toBe(0);
  });

  it('requires an admin key', async () => {
    const projectId = await project('guarded');
    expect((await api.request('GET', members(projectId), { key: null })).status).toBe(401);
  });
});
