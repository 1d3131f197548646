// System endpoints over real HTTP, Postgres and Redis: versions, and a backup → restore round trip
// into a second api (fresh database, same master key), with the refusals that protect a restore
// (newer schema, unknown format, invalid document, no admin key) and a failed restore that must
// leave the data untouched. Tests run in order and share the two apis.
import { SecretBox, hashApiKey, parseMasterKey } from '@bastion/crypto';
import { TEST_REDIS_URL } from '@bastion/testing';
import { Redis } from 'ioredis';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BASTION_VERSION } from '../src/system/bastion-version';
import { startApi, type ApiHarness } from './api-harness';

const LATEST_MIGRATION = readdirSync(join(__dirname, '../../../prisma/migrations'))
  .filter((name) => /^\d{14}_/.test(name))
  .sort()
  .at(-1);

describe('system API', () => {
  let api1: ApiHarness;
  let api2: ApiHarness;
  let db1: Client;
  let redis: Redis;
  let box: SecretBox;
  const sealedToken = { value: '' };

  beforeAll(async () => {
    api1 = await startApi();
    db1 = new Client({ connectionString: api1.databaseUrl });
    await db1.connect();
    redis = new Redis(TEST_REDIS_URL);
    box = new SecretBox(parseMasterKey(api1.masterKey)!);
  });
  afterAll(async () => {
    await db1?.end();
    redis?.disconnect();
    await api2?.close();
    await api1?.close();
  });

  /** Requests to api2 after a restore must use api1's admin key: the backup replaced api2's keys. */
  const onApi2 = (method: string, path: string, body?: unknown) =>
    api2.request(method, path, { body, key: api1.adminKey });

  it('reports the Bastion, schema and config versions', async () => {
    await api1.request('POST', '/api/v1/guardrail-policies', { body: { name: 'bump', rules: [] } });
    const response = await api1.request('GET', '/api/v1/system/version');
    expect(response.status).toBe(200);
    const state = await db1.query('SELECT version FROM config_state');
    expect(response.body).toEqual({
      version: BASTION_VERSION,
      schemaVersion: LATEST_MIGRATION,
      configVersion: Number(state.rows[0].version),
    });
    expect(response.body.configVersion).toBeGreaterThan(0);
    expect((await api1.request('GET', '/api/v1/system/version', { key: null })).status).toBe(401);
  });

  it('backs up everything and restores it into a fresh installation with the same master key', async () => {
    await provision();
    const backup = await api1.request('GET', '/api/v1/system/backup');
    expect(backup.status).toBe(200);
    expect(backup.headers.get('content-type')).toMatch(/^application\/json/);
    expect(backup.headers.get('content-disposition')).toMatch(
      /^attachment; filename="bastion-backup-\d{8}T\d{6}Z\.json"$/,
    );
    expect(backup.body).toMatchObject({
      format: 'bastion-backup',
      formatVersion: 1,
      bastionVersion: BASTION_VERSION,
      schemaVersion: LATEST_MIGRATION,
    });
    expect(Object.keys(backup.body.data).sort()).toEqual([
      'apiKeys',
      'guardrailPolicies',
      'mcpConfigs',
      'mcpServers',
      'projectMembers',
      'projects',
      'toolPins',
      'users',
    ]);
    expect(backup.body.data.apiKeys.find((k: any) => k.kind === 'admin')).toMatchObject({
      keyHash: hashApiKey(api1.adminKey),
    });
    expect(backup.text).not.toContain(api1.adminKey);
    expect(backup.text).not.toContain('s3cret-token');
    expect(backup.body.data.mcpServers[0]).toMatchObject({
      transport: 'streamable-http',
      env: { API_TOKEN: sealedToken.value },
    });

    api2 = await startApi({
      BASTION_MASTER_KEY: api1.masterKey,
      API_BODY_LIMIT_BYTES: String(32 * 1024 * 1024),
    });
    const restored = await api2.request('POST', '/api/v1/system/restore', { body: backup.body });
    expect(restored.status).toBe(200);
    expect(restored.body.restored).toEqual({
      users: 2,
      projects: 1,
      projectMembers: 1,
      apiKeys: 2,
      mcpConfigs: 1,
      mcpServers: 1,
      guardrailPolicies: 3,
      toolPins: 1,
    });
    expect((await api2.request('GET', '/api/v1/users')).status).toBe(401);
    const version = await onApi2('GET', '/api/v1/system/version');
    expect(version.body.configVersion).toBe(restored.body.configVersion);

    const again = await onApi2('GET', '/api/v1/system/backup');
    expect(again.body.data).toEqual(backup.body.data);

    const snapshot = await vi.waitFor(
      async () => {
        const raw = JSON.parse((await redis.get(`${api2.redisPrefix}config:snapshot`)) ?? '{}');
        expect(raw.version).toBeGreaterThanOrEqual(restored.body.configVersion);
        return raw;
      },
      { timeout: 5000 },
    );
    const policyNames = Object.values(snapshot.policies)
      .map((p: any) => p.name)
      .sort();
    expect(policyNames).toEqual(['bump', 'inbound', 'outbound']);
    const server: any = Object.values(snapshot.servers)[0];
    expect(server.env.API_TOKEN).toBe(sealedToken.value);
    expect(box.open(server.env.API_TOKEN)).toBe('s3cret-token');
    expect(Object.values(snapshot.keys).map((k: any) => k.keyHash)).toEqual([
      hashApiKey('bgw_gatewaykey0000000000000000000000000'),
    ]);
  });

  it('refuses a backup from a newer schema or in an unknown format, with 422', async () => {
    const { body } = await api1.request('GET', '/api/v1/system/backup');
    const newer = await api1.request('POST', '/api/v1/system/restore', {
      body: { ...body, schemaVersion: '99991231000000_future' },
    });
    expect(newer.status).toBe(422);
    expect(newer.body.message).toMatch(/newer database schema \(99991231000000_future\)/);
    const format = await api1.request('POST', '/api/v1/system/restore', {
      body: { ...body, formatVersion: 2, data: { other: 1 } },
    });
    expect(format.status).toBe(422);
    expect(format.body.message).toMatch(/format version 2 is unknown/);
  });

  it('answers an invalid document with 400 and the bad fields', async () => {
    const { body } = await api1.request('GET', '/api/v1/system/backup');
    const noData = await api1.request('POST', '/api/v1/system/restore', {
      body: { ...body, data: undefined, format: 'zip' },
    });
    expect(noData.status).toBe(400);
    expect(noData.body.details.map((d: any) => d.path)).toEqual(expect.arrayContaining(['format', 'data']));
    const users = [{ ...body.data.users[0], email: undefined, extra: true }, ...body.data.users.slice(1)];
    const policies = [
      {
        ...body.data.guardrailPolicies[0],
        rules: [{ detector: 'regex', action: 'block', options: { patterns: ['(a+)+'] } }],
      },
    ];
    const badRows = await api1.request('POST', '/api/v1/system/restore', {
      body: { ...body, data: { ...body.data, users, guardrailPolicies: policies } },
    });
    expect(badRows.status).toBe(400);
    expect(badRows.body.details.map((d: any) => d.path)).toEqual(
      expect.arrayContaining([
        'data.users.0.email',
        'data.users.0',
        'data.guardrailPolicies.0.rules.0.options.patterns.0',
      ]),
    );
    expect((await api1.request('POST', '/api/v1/system/restore', { rawBody: '[1,' })).status).toBe(400);
    expect((await api1.request('POST', '/api/v1/system/restore', { body: [] })).status).toBe(400);
  });

  it('refuses a backup without an active admin key, with 409', async () => {
    const { body } = await api1.request('GET', '/api/v1/system/backup');
    const gatewayOnly = body.data.apiKeys.filter((key: any) => key.kind !== 'admin');
    const disabled = body.data.apiKeys.map((key: any) =>
      key.kind === 'admin' ? { ...key, status: 'disabled' } : key,
    );
    for (const apiKeys of [gatewayOnly, disabled]) {
      const refused = await api1.request('POST', '/api/v1/system/restore', {
        body: { ...body, data: { ...body.data, apiKeys } },
      });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toMatch(/no active admin key/);
    }
  });

  it('leaves the data exactly as it was when a restore fails', async () => {
    const before = await onApi2('GET', '/api/v1/system/backup');
    const { body } = await api1.request('GET', '/api/v1/system/backup');
    const duplicate = { ...body.data.users[0], id: '6f1c8a52-4b8e-4e55-9a43-2f6d2c1e0b11' };
    const clash = await onApi2('POST', '/api/v1/system/restore', {
      ...body,
      data: { ...body.data, users: [...body.data.users, duplicate] },
    });
    expect(clash.status).toBe(422);
    expect(clash.body.message).toMatch(/inconsistent: a unique value appears twice/);
    const dangling = body.data.projects.map((p: any) => ({
      ...p,
      mcpConfigId: '0b0e6c5e-34a1-4c7b-8f0e-5a2b7d3c9e01',
    }));
    const missing = await onApi2('POST', '/api/v1/system/restore', {
      ...body,
      data: { ...body.data, projects: dangling },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toMatch(/refers to a row the backup does not contain/);
    const after = await onApi2('GET', '/api/v1/system/backup');
    expect(after.body.data).toEqual(before.body.data);
    expect(after.body.configVersion).toBe(before.body.configVersion);
  });

  it('backs up and restores thousands of rows quickly', async () => {
    const db2 = new Client({ connectionString: api2.databaseUrl });
    await db2.connect();
    try {
      await db2.query(
        `INSERT INTO users (id, email, updated_at) SELECT gen_random_uuid(), 'bulk' || n || '@example.com', now() FROM generate_series(1, 3000) n`,
      );
      await db2.query(
        `INSERT INTO mcp_servers (id, config_id, name, transport, command, args, updated_at)
         SELECT gen_random_uuid(), (SELECT id FROM mcp_configs LIMIT 1), 'bulk-' || n, 'stdio', 'node', ARRAY['server.js', '--port', n::text], now()
         FROM generate_series(1, 2000) n`,
      );
    } finally {
      await db2.end();
    }
    const started = Date.now();
    const backup = await onApi2('GET', '/api/v1/system/backup');
    expect(backup.body.data.users).toHaveLength(3002);
    const restored = await onApi2('POST', '/api/v1/system/restore', backup.body);
    expect(restored.status).toBe(200);
    expect(restored.body.restored).toMatchObject({ users: 3002, mcpServers: 2001 });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await onApi2('GET', '/api/v1/system/backup')).body.data).toEqual(backup.body.data);
  });

  /** Users and policies through the API, the rest straight into Postgres (other contexts' rows). */
  async function provision(): Promise<void> {
    const { body: ada } = await api1.request('POST', '/api/v1/users', {
      body: { email: 'ada@example.com', name: 'Ada' },
    });
    await api1.request('POST', '/api/v1/users', { body: { email: 'grace@example.com' } });
    const inbound = await api1.request('POST', '/api/v1/guardrail-policies', {
      body: {
        name: 'inbound',
        rules: [{ detector: 'regex', action: 'block', options: { patterns: ['sk-[A-Za-z0-9]{20,}'] } }],
      },
    });
    const outbound = await api1.request('POST', '/api/v1/guardrail-policies', {
      body: {
        name: 'outbound',
        mode: 'monitor',
        rules: [{ detector: 'pii', action: 'redact', direction: 'output' }],
      },
    });
    const insert = async (sql: string, params: unknown[] = []) =>
      (await db1.query(sql, params)).rows[0]?.id as string;
    const configId = await insert(
      `INSERT INTO mcp_configs (id, name, pinning_mode, meta_tools_enabled, updated_at) VALUES (gen_random_uuid(), 'cfg', 'require-approval', true, now()) RETURNING id`,
    );
    const projectId = await insert(
      `INSERT INTO projects (id, name, description, mcp_config_id, updated_at) VALUES (gen_random_uuid(), 'proj', 'Demo', $1, now()) RETURNING id`,
      [configId],
    );
    await insert(
      `INSERT INTO project_members (project_id, user_id, role, updated_at) VALUES ($1, $2, 'owner', now())`,
      [projectId, ada.id],
    );
    await insert(
      `INSERT INTO api_keys (id, kind, name, key_hash, key_prefix, last_four, project_id, user_id, expires_at, updated_at)
       VALUES (gen_random_uuid(), 'gateway', 'ci', $1, 'bgw_gate', '0000', $2, $3, now() + interval '30 days', now())`,
      [hashApiKey('bgw_gatewaykey0000000000000000000000000'), projectId, ada.id],
    );
    sealedToken.value = box.seal('s3cret-token');
    const oauth = {
      tokenUrl: 'https://auth.example.test/token',
      clientId: 'bastion',
      clientSecret: box.seal('client-secret'),
      scope: null,
      audience: 'mcp',
    };
    const serverId = await insert(
      `INSERT INTO mcp_servers (id, config_id, name, transport, url, env, headers, oauth, tools_allow, input_policy_id, output_policy_id, updated_at)
       VALUES (gen_random_uuid(), $1, 'remote', 'streamable-http', 'https://mcp.example.test/mcp', $2, $3, $4, ARRAY['search', 'fetch'], $5, $6, now()) RETURNING id`,
      [
        configId,
        { API_TOKEN: sealedToken.value },
        { Authorization: box.seal('Bearer upstream') },
        oauth,
        inbound.body.id,
        outbound.body.id,
      ],
    );
    await insert(
      `INSERT INTO tool_pins (id, server_id, tool_name, status, approved_hash, approved_definition, updated_at)
       VALUES (gen_random_uuid(), $1, 'search', 'approved', 'h1', $2, now())`,
      [serverId, { name: 'search', inputSchema: { type: 'object' } }],
    );
  }
});
