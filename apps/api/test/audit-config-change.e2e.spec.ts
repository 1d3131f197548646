// Configuration writes leave an audit trail: each committed write through the config writer is one
// `config.change` event (entity, op, id of each change and the new config version, plus the admin
// key that made it), stored straight in audit_events, never with the data (so never a secret).
// Also the audit side of /readyz (`checks.queue`) and /metrics (queue depth, events stored).
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { useApi, type ApiHarness } from './api-harness';
import { auditEvent, startPublisher, waitForRowCount } from './support/audit-support';
import { TEST_REDIS_URL } from '@bastion/testing';

const metricValue = (text: string, name: string): number => {
  const match = text.match(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm'));
  if (!match) throw new Error(`${name} is not exported`);
  return Number(match[1]);
};

const scrape = async (api: ApiHarness) => (await api.request('GET', '/metrics', { key: null })).text;

describe('config changes in the audit trail', () => {
  const api = useApi();
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('records one config.change event per committed write, with entity/op and no secret', async () => {
    const secret = `env-plaintext-${randomBytes(12).toString('hex')}`;
    const user = await api.request('PUT', '/api/v1/users', { body: { email: 'auditor@example.com' } });
    expect(user.status, user.text).toBe(201);
    const config = await api.request('PUT', '/api/v1/mcp-configs', { body: { name: 'audited' } });
    expect(config.status, config.text).toBe(201);
    const server = await api.request('PUT', `/api/v1/mcp-configs/${config.body.id}/servers`, {
      body: { name: 'local', transport: 'stdio', command: 'x', env: { API_TOKEN: secret } },
    });
    expect(server.status, server.text).toBe(201);
    const version = await api.configVersion();

    const page = await api.request('GET', '/api/v1/audit-events?type=config.change&limit=50');
    expect(page.status, page.text).toBe(200);
    const items: any[] = page.body.items;
    // A user alone publishes nothing to the workers, so its write records no config change.
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item).toMatchObject({ type: 'config.change', status: 'ok' });
      expect(item.payload.version).toEqual(expect.any(Number));
    }
    const [serverEvent, configEvent] = items; // newest first
    expect(configEvent.payload.changes).toContainEqual({
      entity: 'configs',
      op: 'upsert',
      id: config.body.id,
    });
    expect(serverEvent.payload.changes).toContainEqual({
      entity: 'servers',
      op: 'upsert',
      id: server.body.id,
    });
    expect(serverEvent.payload.version).toBe(version);
    for (const change of [...configEvent.payload.changes, ...serverEvent.payload.changes]) {
      expect(Object.keys(change).sort()).toEqual(['entity', 'id', 'op']);
    }

    const admins = await api.request('GET', '/api/v1/api-keys?kind=admin');
    const adminIds = admins.body.items.map((key: { id: string }) => key.id);
    for (const item of items) {
      expect(adminIds).toContain(item.keyId);
      expect(item.payload.adminKeyId).toBe(item.keyId);
    }

    const { rows } = await api.query('SELECT payload::text AS payload FROM audit_events');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row.payload).not.toContain(secret);
    expect(page.text).not.toContain(secret);
  });

  it('reports the audit queue on /readyz and its depth and stored events on /metrics', async () => {
    const ready = await api.request('GET', '/readyz', { key: null });
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ready',
      checks: { postgres: { ok: true }, redis: { ok: true }, queue: { ok: true } },
    });

    const before = await scrape(api);
    expect(metricValue(before, 'bastion_audit_queue_depth')).toBeGreaterThanOrEqual(0);
    const storedBefore = metricValue(before, 'bastion_audit_events_stored_total');
    expect(storedBefore).toBeGreaterThanOrEqual(2); // the config changes above

    const { publisher, close } = startPublisher(api, TEST_REDIS_URL);
    closers.push(close);
    for (let i = 0; i < 25; i += 1) publisher.record(auditEvent({ server: 'metered' }));
    await waitForRowCount(api, 25, "server = 'metered'");
    await vi.waitFor(async () => {
      expect(metricValue(await scrape(api), 'bastion_audit_events_stored_total')).toBe(storedBefore + 25);
    });
  });
});

describe('audit queue without REDIS_URL (first look)', () => {
  const api = useApi({ REDIS_URL: '' });

  it('reports the in-process queue ok and empty', async () => {
    const ready = await api.request('GET', '/readyz', { key: null });
    expect(ready.status).toBe(200);
    expect(ready.body.checks.queue).toEqual({ ok: true });
    expect(metricValue(await scrape(api), 'bastion_audit_queue_depth')).toBe(0);
  });
});
