// What the proxy workers see of API keys: every gateway-key change reaches the Redis snapshot
// (created, disabled, enabled, rotated, re-dated, deleted); admin keys never do.
import { hashApiKey } from '@bastion/crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './api-harness';

describe('api keys in the worker snapshot', () => {
  const api = useApi();
  let projectId: string;
  let userId: string;

  beforeAll(async () => {
    projectId = (await api.createProject('p1')).id;
    userId = (await api.createUser('snap@example.com')).id;
    // The project's own change comes first, so the version counts below see only key changes.
    await api.waitForSnapshot((snap) => expect(snap.projects[projectId]).toBeDefined());
  });

  it('follows a gateway key through its whole life', async () => {
    const created = await api.createGatewayKey(projectId, userId);
    await api.waitForSnapshot((snap) =>
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
    await api.waitForSnapshot((snap) => expect(snap.keys[created.id]?.status).toBe('disabled'));
    await api.request('POST', `/api/v1/api-keys/${created.id}/enable`);
    await api.waitForSnapshot((snap) => expect(snap.keys[created.id]?.status).toBe('active'));

    const { body: rotated } = await api.request('POST', `/api/v1/api-keys/${created.id}/rotate`);
    await api.waitForSnapshot((snap) => expect(snap.keys[created.id]?.keyHash).toBe(hashApiKey(rotated.key)));

    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    await api.request('PATCH', `/api/v1/api-keys/${created.id}`, { body: { expiresAt } });
    await api.waitForSnapshot((snap) => expect(snap.keys[created.id]?.expiresAt).toBe(expiresAt));

    expect((await api.request('DELETE', `/api/v1/api-keys/${created.id}`)).status).toBe(204);
    await api.waitForSnapshot((snap) => expect(snap.keys[created.id]).toBeUndefined());
  });

  it('never publishes admin keys', async () => {
    const admin = await api.createAdminKey();
    const before = (await api.snapshot()).version;
    await api.request('POST', `/api/v1/api-keys/${admin.id}/rotate`);
    await api.request('POST', `/api/v1/api-keys/${admin.id}/disable`);
    // A gateway key created afterwards proves the relay has caught up with everything before it.
    const marker = await api.createGatewayKey(projectId, userId);
    await api.waitForSnapshot((snap) => expect(snap.keys[marker.id]).toBeDefined());
    const snap = await api.snapshot();
    expect(snap.keys[admin.id]).toBeUndefined();
    expect(snap.version).toBe(before + 1);
    expect(JSON.stringify(snap)).not.toContain(hashApiKey(admin.key));
  });
});
