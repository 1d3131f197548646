// System endpoints over real HTTP, Postgres and Redis: versions, and a backup → restore round trip
// into a second api (fresh database, same master key), with the refusals that protect a restore
// (newer schema, unknown format, invalid document, no admin key) and a failed restore that must
// leave the data untouched. Tests run in order and share the two apis.
import { SecretBox, hashApiKey, parseMasterKey } from '@bastion/crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASTION_VERSION } from '@bastion/config';
import { startApi, type ApiHarness } from './api-harness';

const LATEST_MIGRATION = readdirSync(join(__dirname, '../../../prisma/migrations'))
  .filter((name) => /^\d{14}_/.test(name))
  .sort()
  .at(-1);

describe('system API', () => {
  let api1: ApiHarness;
  let api2: ApiHarness;
  let box: SecretBox;

  beforeAll(async () => {
    api1 = await startApi();
    box = new SecretBox(parseMasterKey(api1.masterKey)!);
  });
  afterAll(async () => {
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
    expect(response.body).toEqual({
      version: BASTION_VERSION,
      schemaVersion: LATEST_MIGRATION,
      configVersion: await api1.configVersion(),
    });
    expect(response.body.configVersion).toBeGreaterThan(0);
    expect((await api1.request('GET', '/api/v1/system/version', { key: null })).status).toBe(401);
  });

  it('backs up everything and restores it into a fresh installation with the same master key', async () => {
    const { sealedToken, gatewayKey } = await provision();
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
    expect(backup.body.data.mcpConfigs[0]).toMatchObject({ name: 'cfg', auditCapture: 'payload' });
    expect(backup.body.data.mcpServers[0]).toMatchObject({
      transport: 'streamable-http',
      env: { API_TOKEN: sealedToken },
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

    const snapshot = await api2.waitForSnapshot((s) =>
      expect(s.version).toBeGreaterThanOrEqual(restored.body.configVersion),
    );
    const policyNames = Object.values(snapshot.policies)
      .map((p) => p.name)
      .sort();
    expect(policyNames).toEqual(['bump', 'inbound', 'outbound']);
    const server = Object.values(snapshot.servers)[0];
    expect(server.env.API_TOKEN).toBe(sealedToken);
    expect(box.open(server.env.API_TOKEN)).toBe('s3cret-token');
    expect(Object.values(snapshot.keys).map((k) => k.keyHash)).toEqual([hashApiKey(gatewayKey)]);
    expect(Object.values(snapshot.configs).map((c) => c.auditCapture)).toEqual(['payload']);
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
    // Bulk rows straight into Postgres: thousands of API calls would time the set-up, not the backup.
    await api2.query(
      `INSERT INTO users (id, email, updated_at) SELECT gen_random_uuid(), 'bulk' || n || '@example.com', now() FROM generate_series(1, 3000) n`,
    );
    await api2.query(
      `INSERT INTO mcp_servers (id, config_id, name, transport, command, args, updated_at)
       SELECT gen_random_uuid(), (SELECT id FROM mcp_configs LIMIT 1), 'bulk-' || n, 'stdio', 'node', ARRAY['server.js', '--port', n::text], now()
       FROM generate_series(1, 2000) n`,
    );
    const started = Date.now();
    const backup = await onApi2('GET', '/api/v1/system/backup');
    expect(backup.body.data.users).toHaveLength(3002);
    const restored = await onApi2('POST', '/api/v1/system/restore', backup.body);
    expect(restored.status).toBe(200);
    expect(restored.body.restored).toMatchObject({ users: 3002, mcpServers: 2001 });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await onApi2('GET', '/api/v1/system/backup')).body.data).toEqual(backup.body.data);
  });

  /**
   * One of everything through the REST API; only the tool pin goes straight into Postgres, as no API
   * records one (the proxy does). Returns the sealed env value as stored (read with SQL on purpose:
   * a backup must carry it as it is) and the gateway key's plaintext.
   */
  async function provision(): Promise<{ sealedToken: string; gatewayKey: string }> {
    const ada = await api1.createUser({ email: 'ada@example.com', name: 'Ada' });
    await api1.createUser('grace@example.com');
    const inbound = await api1.createPolicy({
      name: 'inbound',
      rules: [{ detector: 'regex', action: 'block', options: { patterns: ['sk-[A-Za-z0-9]{20,}'] } }],
    });
    const outbound = await api1.createPolicy({
      name: 'outbound',
      mode: 'monitor',
      rules: [{ detector: 'pii', action: 'redact', direction: 'output' }],
    });
    const config = await api1.createConfig({
      name: 'cfg',
      pinningMode: 'require-approval',
      metaToolsEnabled: true,
      auditCapture: 'payload',
    });
    const project = await api1.createProject({ name: 'proj', description: 'Demo', mcpConfigId: config.id });
    await api1.addMember(project.id, ada.id, 'owner');
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const gateway = await api1.createGatewayKey(project.id, ada.id, { name: 'ci', expiresAt });
    const server = await api1.createServer(config.id, {
      name: 'remote',
      transport: 'streamable-http',
      url: 'https://mcp.example.test/mcp',
      env: { API_TOKEN: 's3cret-token' },
      headers: { Authorization: 'Bearer upstream' },
      oauth: {
        tokenUrl: 'https://auth.example.test/token',
        clientId: 'bastion',
        clientSecret: 'client-secret',
        audience: 'mcp',
      },
      toolsAllow: ['search', 'fetch'],
      inputPolicyId: inbound.id,
      outputPolicyId: outbound.id,
    });
    await api1.query(
      `INSERT INTO tool_pins (id, server_id, tool_name, status, approved_hash, approved_definition, updated_at)
       VALUES (gen_random_uuid(), $1, 'search', 'approved', 'h1', $2, now())`,
      [server.id, { name: 'search', inputSchema: { type: 'object' } }],
    );
    const stored = await api1.query<{ token: string }>(
      `SELECT env->>'API_TOKEN' AS token FROM mcp_servers WHERE id = $1`,
      [server.id],
    );
    return { sealedToken: stored.rows[0].token, gatewayKey: gateway.key };
  }
});
