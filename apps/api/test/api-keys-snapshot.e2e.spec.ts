// What the proxy workers see of API keys: every gateway-key change reaches the Redis snapshot
// (created, disabled, enabled, rotated, re-dated, deleted); admin keys never do.
import { snapshotSchema, type Snapshot } from '@bastion/contracts';
import { hashApiKey } from '@bastion/crypto';
import { TEST_REDIS_URL } from '@bastion/testing';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApi, type ApiHarness } from './api-harness';

describe('api keys in the worker snapshot', () => {
  let api: ApiHarness;
  let redis: Redis;
  let projectId: string;
  let userId: string;

  beforeAll(async () => {
    api = await startApi();
    redis = new Redis(TEST_REDIS_URL);
    const pg = new Client({ connectionString: api.databaseUrl });
    await pg.connect();
    const project = await pg.query<{ id: string }>(
      "INSERT INTO projects (id, name, updated_at) VALUES (gen_random_uuid(), 'p1', now()) RETURNING id",
    );
    await pg.end();
    projectId = project.rows[0].id;
    userId = (await api.request('POST', '/api/v1/users', { body: { email: 'snap@example.com' } })).body.id;
  });
  afterAll(async () => {
    redis?.disconnect();
    await api?.close();
  });

  const snapshot = async (): Promise<Snapshot> => {
    const raw = await redis.get(`${api.redisPrefix}config:snapshot`);
    if (!raw) throw new Error('no snapshot yet');
    return snapshotSchema.parse(JSON.parse(raw));
  };
  const eventually = (check: (snap: Snapshot) => void) =>
    vi.waitFor(async () => check(await snapshot()), { timeout: 5000, interval: 50 });

  it('follows a gateway key through its whole life', async () => {
    const { body: created } = await api.request('POST', '/api/v1/api-keys', { body: { projectId, userId } });
    await eventually((snap) =>
      expect(snap.keys[created.id]).toEqual({
        id: created.id,
        keyHash: hashApiKey(created.key),
        projectId,
        userId,
        status: 'active',
        expiresAt: null,
      }),
    );

    await api.request('POST', `/api/v1/api-keys/${created.id}/disable`);
    await eventually((snap) => expect(snap.keys[created.id]?.status).toBe('disabled'));
    await api.request('POST', `/api/v1/api-keys/${created.id}/enable`);
    await eventually((snap) => expect(snap.keys[created.id]?.status).toBe('active'));

    const { body: rotated } = await api.request('POST', `/api/v1/api-keys/${created.id}/rotate`);
    await eventually((snap) => expect(snap.keys[created.id]?.keyHash).toBe(hashApiKey(rotated.key)));

    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    await api.request('PATCH', `/api/v1/api-keys/${created.id}`, { body: { expiresAt } });
    await eventually((snap) => expect(snap.keys[created.id]?.expiresAt).toBe(expiresAt));

    expect((await api.request('DELETE', `/api/v1/api-keys/${created.id}`)).status).toBe(204);
    await eventually((snap) => expect(snap.keys[created.id]).toBeUndefined());
  });

  it('never publishes admin keys', async () => {
    const { body: admin } = await api.request('POST', '/api/v1/api-keys', { body: { kind: 'admin' } });
    const before = (await snapshot()).version;
    await api.request('POST', `/api/v1/api-keys/${admin.id}/rotate`);
    await api.request('POST', `/api/v1/api-keys/${admin.id}/disable`);
    // A gateway key created afterwards proves the relay has caught up with everything before it.
    const { body: marker } = await api.request('POST', '/api/v1/api-keys', { body: { projectId, userId } });
    await eventually((snap) => expect(snap.keys[marker.id]).toBeDefined());
    const snap = await snapshot();
    expect(snap.keys[admin.id]).toBeUndefined();
    expect(snap.version).toBe(before + 1);
    expect(JSON.stringify(snap)).not.toContain(hashApiKey(admin.key));
  });
});
