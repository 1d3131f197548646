// What the proxy workers see of projects: the Redis snapshot follows create, assign (PATCH
// {mcpConfigId}), unassign and delete; deleting a project takes its gateway keys and memberships
// with it. MCP configs and gateway keys are inserted straight into Postgres because their contexts
// are built elsewhere; a key inserted behind the api's back is not in the snapshot, so only its
// row is checked. Also pins the OpenAPI shape outside scripts rely on.
import { TEST_REDIS_URL } from '@bastion/testing';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApi, type ApiHarness } from './api-harness';

describe('projects in the worker snapshot', () => {
  let api: ApiHarness;
  let redis: Redis;
  let pg: Client;

  beforeAll(async () => {
    api = await startApi();
    redis = new Redis(TEST_REDIS_URL);
    pg = new Client({ connectionString: api.databaseUrl });
    await pg.connect();
  });
  afterAll(async () => {
    await pg?.end();
    redis?.disconnect();
    await api?.close();
  });

  const createConfig = async (name: string): Promise<string> => {
    const { rows } = await pg.query<{ id: string }>(
      'INSERT INTO mcp_configs (id, name, updated_at) VALUES (gen_random_uuid(), $1, now()) RETURNING id',
      [name],
    );
    return rows[0]?.id ?? '';
  };
  const snapshotProject = async (id: string) => {
    const raw = await redis.get(`${api.redisPrefix}config:snapshot`);
    return raw ? (JSON.parse(raw) as { projects: Record<string, unknown> }).projects[id] : undefined;
  };
  const expectSnapshotProject = (id: string, expected: unknown) =>
    vi.waitFor(async () => expect(await snapshotProject(id)).toEqual(expected), {
      timeout: 5000,
      interval: 50,
    });
  const post = (body: unknown) => api.request('POST', '/api/v1/projects', { body });

  it('assigns and unassigns an MCP config with PATCH {mcpConfigId}, as the snapshot shows', async () => {
    const configId = await createConfig('assign-cfg');
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
    const { body: user } = await api.request('POST', '/api/v1/users', {
      body: { email: 'doomed@example.com' },
    });
    await api.request('POST', `/api/v1/projects/${project.id}/members`, { body: { userId: user.id } });
    const { rows } = await pg.query<{ id: string }>(
      `INSERT INTO api_keys (id, kind, key_hash, key_prefix, last_four, project_id, updated_at)
       VALUES (gen_random_uuid(), 'gateway', $1, 'bgw_abcd', 'wxyz', $2, now()) RETURNING id`,
      ['ab'.repeat(32), project.id],
    );
    const keyId = rows[0]?.id;
    await expectSnapshotProject(project.id, { id: project.id, name: 'doomed', mcpConfigId: null });

    expect((await api.request('DELETE', `/api/v1/projects/${project.id}`)).status).toBe(204);
    const count = async (table: string) =>
      Number(
        (await pg.query(`SELECT count(*) FROM ${table} WHERE project_id = $1`, [project.id])).rows[0].count,
      );
    expect(await count('api_keys')).toBe(0);
    // The key's delete change is published with the project's, so a worker holding the key drops it.
    const outbox = await pg.query(
      `SELECT entity, op, entity_id AS id FROM config_outbox WHERE op = 'delete' ORDER BY version`,
    );
    expect(outbox.rows).toEqual([
      { entity: 'keys', op: 'delete', id: keyId },
      { entity: 'projects', op: 'delete', id: project.id },
    ]);
    expect(await count('project_members')).toBe(0);
    await expectSnapshotProject(project.id, undefined);
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
