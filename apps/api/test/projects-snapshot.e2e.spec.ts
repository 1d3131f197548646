// What the proxy workers see of projects: the Redis snapshot follows create, assign (PATCH
// {mcpConfigId}), unassign and delete; deleting a project takes its gateway keys and memberships
// with it (checked in Postgres and in the outbox, on purpose behind the API, and in the snapshot).
// Also pins the OpenAPI shape outside scripts rely on.
import { describe, expect, it } from 'vitest';
import { useApi } from './api-harness';

describe('projects in the worker snapshot', () => {
  const api = useApi();

  /** Waits until the workers' snapshot holds exactly `expected` for the project (undefined: none). */
  const expectSnapshotProject = (id: string, expected: unknown) =>
    api.waitForSnapshot((s) => expect(s.projects[id]).toEqual(expected));
  const post = (body: unknown) => api.request('POST', '/api/v1/projects', { body });

  it('assigns and unassigns an MCP config with PATCH {mcpConfigId}, as the snapshot shows', async () => {
    const { id: configId } = await api.createConfig('assign-cfg');
    const { body: project } = await post({ name: 'assignable' });
    await expectSnapshotProject(project.id, { id: project.id, name: 'assignable', mcpConfigId: null });

    const assigned = await api.request('PATCH', `/api/v1/projects/${project.id}`, {
      body: { mcpConfigId: configId },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ id: project.id, name: 'assignable', mcpConfigId: configId });
    await expectSnapshotProject(project.id, { id: project.id, name: 'assignable', mcpConfigId: configId });

    const unassigned = await api.request('PATCH', `/api/v1/projects/${project.id}`, {
      body: { mcpConfigId: null },
    });
    expect(unassigned.body.mcpConfigId).toBeNull();
    await expectSnapshotProject(project.id, { id: project.id, name: 'assignable', mcpConfigId: null });
  });

  it('deletes a project with its gateway keys and memberships, and drops it from the snapshot', async () => {
    const { body: project } = await post({ name: 'doomed' });
    const user = await api.createUser('doomed@example.com');
    await api.addMember(project.id, user.id);
    const { id: keyId } = await api.createGatewayKey(project.id, user.id);
    await expectSnapshotProject(project.id, { id: project.id, name: 'doomed', mcpConfigId: null });
    await api.waitForSnapshot((s) => expect(s.keys[keyId]).toBeDefined());

    expect((await api.request('DELETE', `/api/v1/projects/${project.id}`)).status).toBe(204);
    const count = async (table: string) =>
      Number(
        (await api.query(`SELECT count(*) FROM ${table} WHERE project_id = $1`, [project.id])).rows[0].count,
      );
    expect(await count('api_keys')).toBe(0);
    // The key's delete change is published with the project's, so a worker holding the key drops it.
    const outbox = await api.query(
      `SELECT entity, op, entity_id AS id FROM config_outbox WHERE op = 'delete' ORDER BY version`,
    );
    expect(outbox.rows).toEqual([
      { entity: 'keys', op: 'delete', id: keyId },
      { entity: 'projects', op: 'delete', id: project.id },
    ]);
    expect(await count('project_members')).toBe(0);
    await expectSnapshotProject(project.id, undefined);
    await api.waitForSnapshot((s) => expect(s.keys[keyId]).toBeUndefined());
    expect((await api.request('GET', `/api/v1/users/${user.id}`)).status).toBe(200);
    expect((await api.request('GET', `/api/v1/projects/${project.id}`)).status).toBe(404);
    expect((await api.request('DELETE', `/api/v1/projects/${project.id}`)).status).toBe(404);
  });

  it('documents every project operation, with PATCH /projects/{id} taking {mcpConfigId}', async () => {
    const doc = (await api.request('GET', '/api/docs-json', { key: null })).body;
    const ops = (path: string) =>
      Object.values(doc.paths[path] as Record<string, { operationId: string }>).map((op) => op.operationId);
    expect(ops('/api/v1/projects').sort()).toEqual(['createProject', 'listProjects', 'upsertProject']);
    expect(ops('/api/v1/projects/{id}').sort()).toEqual(['deleteProject', 'getProject', 'updateProject']);
    expect(ops('/api/v1/projects/{id}/members').sort()).toEqual([
      'addProjectMember',
      'listProjectMembers',
      'upsertProjectMember',
    ]);
    expect(ops('/api/v1/projects/{id}/members/{userId}').sort()).toEqual([
      'removeProjectMember',
      'updateProjectMember',
    ]);
    const patch = doc.paths['/api/v1/projects/{id}'].patch.requestBody.content['application/json'].schema;
    const body = patch.$ref ? doc.components.schemas[patch.$ref.split('/').pop()] : patch;
    expect(Object.keys(body.properties)).toContain('mcpConfigId');
    expect(body.required ?? []).toEqual([]);
  });
});
