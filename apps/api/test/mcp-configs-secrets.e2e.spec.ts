// Server secrets (env values, header values, OAuth client secrets) over real HTTP, Postgres and Redis:
// they are sealed before they reach any table, never come back from the API in plaintext, travel to
// the workers only sealed, and open back to the originals with the master key. The tables and the
// snapshot are read raw (SQL, the stored JSON text) on purpose: what is stored is the point.
import type { Snapshot } from '@bastion/contracts';
import { SecretBox } from '@bastion/crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi, type TestResponse } from './api-harness';
import {
  expectNotAnswered,
  expectNotStored,
  masterBox,
  plaintextSecret as plain,
  recordingCall,
} from './support/secret-checks';

describe('MCP server secrets', () => {
  const api = useApi();
  let box: SecretBox;
  const secrets = {
    env: plain('env'),
    header: plain('header'),
    oauth: plain('oauth'),
    patchedEnv: plain('patched-env'),
    upsertHeader: plain('upsert-header'),
  };
  const responses: TestResponse[] = [];
  const ids: Record<string, string> = {};

  beforeAll(() => {
    box = masterBox(api);
  });

  const record = recordingCall(api, responses);
  /** Like `record`, answering with the response body. */
  const call = async (method: string, path: string, body?: unknown, expected?: number) =>
    (await record(method, path, body, expected)).body;

  it('provisions servers with secrets through every endpoint that takes or returns them', async () => {
    ids.config = (await call('POST', '/api/v1/mcp-configs', { name: 'secretive' }, 201)).id;
    const base = `/api/v1/mcp-configs/${ids.config}/servers`;
    ids.stdio = (
      await call(
        'POST',
        base,
        { name: 'local', transport: 'stdio', command: 'x', env: { API_TOKEN: secrets.env } },
        201,
      )
    ).id;
    const remote = {
      name: 'remote',
      transport: 'streamable-http',
      url: 'https://mcp.example.com/mcp',
      headers: { Authorization: `Bearer ${secrets.header}` },
      oauth: {
        tokenUrl: 'https://auth.example.com/token',
        clientId: 'bastion',
        clientSecret: secrets.oauth,
        audience: 'mcp',
      },
    };
    ids.remote = (await call('POST', base, remote, 201)).id;
    await call(
      'PATCH',
      `${base}/${ids.stdio}`,
      { env: { API_TOKEN: '********', EXTRA: secrets.patchedEnv } },
      200,
    );
    await call(
      'PUT',
      base,
      {
        ...remote,
        headers: { Authorization: '********', 'X-Other': secrets.upsertHeader },
        oauth: { ...remote.oauth, clientSecret: '********' },
      },
      200,
    );
    await call('GET', `${base}/${ids.stdio}`, undefined, 200);
    await call('GET', `${base}/${ids.remote}`, undefined, 200);
    await call('GET', base, undefined, 200);
    await call('GET', `/api/v1/mcp-configs/${ids.config}`, undefined, 200);
    await call('GET', '/api/v1/mcp-configs', undefined, 200);
    await call('PATCH', `/api/v1/mcp-configs/${ids.config}`, { description: 'still secret' }, 200);
    await call('PUT', '/api/v1/mcp-configs', { name: 'secretive', metaToolsEnabled: true }, 200);
    const copy = await call(
      'POST',
      `/api/v1/mcp-configs/${ids.config}/copy`,
      { name: 'secretive copy' },
      201,
    );
    ids.copy = copy.id;
    await call(
      'POST',
      '/api/v1/mcp-configs/validate',
      { name: 'check', servers: [{ ...remote, env: { A: secrets.env } }] },
      200,
    );
    expect(copy.servers).toHaveLength(2);
  });

  it('never returns a secret in plaintext; responses show "********" instead', () => {
    expectNotAnswered(responses, Object.values(secrets));
    const remote = responses.map((r) => r.body).find((body) => body?.id === ids.remote);
    expect(remote).toMatchObject({
      headers: { Authorization: '********' },
      oauth: { clientSecret: '********', clientId: 'bastion' },
    });
  });

  it('stores no plaintext secret in any column of mcp_servers, nor in any other table', async () => {
    const rows = await api.query('SELECT s::text AS row FROM mcp_servers s');
    expect(rows.rows.length).toBe(4);
    for (const { row } of rows.rows)
      for (const secret of Object.values(secrets)) expect(row).not.toContain(secret);
    await expectNotStored(api, Object.values(secrets));
  });

  it('stores sealed values that open to the originals, and copies share them as they are', async () => {
    const { rows } = await api.query('SELECT config_id, name, env, headers, oauth FROM mcp_servers');
    const byKey = Object.fromEntries(
      rows.map((row) => [`${row.config_id === ids.config ? 'src' : 'copy'}:${row.name}`, row]),
    );
    for (const side of ['src', 'copy']) {
      const local = byKey[`${side}:local`];
      const remote = byKey[`${side}:remote`];
      expect(SecretBox.isSealed(local.env.API_TOKEN)).toBe(true);
      expect(box.open(local.env.API_TOKEN)).toBe(secrets.env);
      expect(box.open(local.env.EXTRA)).toBe(secrets.patchedEnv);
      expect(box.open(remote.headers.Authorization)).toBe(`Bearer ${secrets.header}`);
      expect(box.open(remote.headers['X-Other'])).toBe(secrets.upsertHeader);
      expect(box.open(remote.oauth.clientSecret)).toBe(secrets.oauth);
      expect(remote.oauth).toMatchObject({
        tokenUrl: 'https://auth.example.com/token',
        clientId: 'bastion',
        audience: 'mcp',
        scope: null,
      });
    }
    expect(byKey['copy:local'].env).toEqual(byKey['src:local'].env);
  });

  it('publishes secrets to the workers only sealed, openable with the master key', async () => {
    await api.waitForSnapshot((snapshot) => {
      expect(Object.keys(snapshot.servers)).toHaveLength(4);
      expect(snapshot.servers[ids.stdio]?.env['EXTRA']).toBeDefined();
    });
    const text = (await api.snapshotText()) ?? '';
    for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
    const snapshot = JSON.parse(text) as Snapshot;
    const local = snapshot.servers[ids.stdio];
    const remote = snapshot.servers[ids.remote];
    expect(box.open(local.env['API_TOKEN'])).toBe(secrets.env);
    expect(box.open(local.env['EXTRA'])).toBe(secrets.patchedEnv);
    expect(box.open(remote.headers['Authorization'])).toBe(`Bearer ${secrets.header}`);
    expect(box.open(remote.headers['X-Other'])).toBe(secrets.upsertHeader);
    expect(box.open(remote.oauth!.clientSecret)).toBe(secrets.oauth);
  });
});
