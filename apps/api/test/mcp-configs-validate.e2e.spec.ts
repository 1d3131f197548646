// `POST /mcp-configs/validate` over real HTTP against the real app and Postgres: a whole config
// definition is checked without being saved, and every problem comes back with its path.
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './api-harness';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('MCP config validation API', () => {
  const api = useApi();
  let policyId: string;
  beforeAll(async () => {
    policyId = (await api.createPolicy('validate-policy')).id;
    await api.createConfig('existing');
  });

  const validate = (body: unknown) => api.request('POST', '/api/v1/mcp-configs/validate', { body });
  const problemPaths = (body: { problems: Array<{ path: string }> }) =>
    body.problems.map((p) => p.path).sort();

  it('accepts a valid definition and saves nothing', async () => {
    const response = await validate({
      name: 'candidate',
      pinningMode: 'require-approval',
      metaToolsEnabled: true,
      servers: [
        {
          name: 'files',
          transport: 'stdio',
          command: 'npx',
          env: { TOKEN: 'secret-value' },
          inputPolicyId: policyId,
        },
        {
          name: 'web',
          transport: 'streamable-http',
          url: 'https://mcp.example.com',
          toolPrefix: 'Web',
          outputPolicyId: policyId,
        },
        { name: 'files2', transport: 'sse', url: 'http://localhost:1/sse', toolPrefix: 'fs2' },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ valid: true, problems: [] });
    expect(response.text).not.toContain('secret-value');
    // Straight to Postgres on purpose: no row at all, whatever the API would show.
    const saved = await api.query(`SELECT count(*)::int AS n FROM mcp_configs WHERE name = 'candidate'`);
    expect(saved.rows[0].n).toBe(0);
    expect(
      (
        await validate({
          name: 'alone',
          servers: [{ name: 'only', transport: 'stdio', command: 'x', toolPrefix: '' }],
        })
      ).body.valid,
    ).toBe(true);
  });

  it('reports schema problems of the config and of each server, by path', async () => {
    const response = await validate({
      name: '',
      pinningMode: 'maybe',
      extra: true,
      servers: [
        { name: 'ok', transport: 'stdio', command: 'x' },
        { name: 'Bad Name', transport: 'stdio', command: 'x', callTimeoutMs: 5 },
        { name: 'web', transport: 'sse', headers: { Host: 'x' } },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.valid).toBe(false);
    expect(problemPaths(response.body)).toEqual(
      expect.arrayContaining([
        '(root)',
        'name',
        'pinningMode',
        'servers.1.name',
        'servers.1.callTimeoutMs',
        'servers.2.headers.Host',
      ]),
    );
  });

  it('reports a missing servers list and a body that is not an object', async () => {
    expect(problemPaths((await validate({ name: 'no-servers' })).body)).toEqual(['servers']);
    const empty = await api.request('POST', '/api/v1/mcp-configs/validate');
    expect(empty.status).toBe(200);
    expect(empty.body.valid).toBe(false);
    expect(problemPaths((await validate([1, 2])).body)).toEqual(['(root)']);
  });

  it('reports transport needs and masked secrets that have nothing to keep', async () => {
    const response = await validate({
      name: 'transport-rules',
      servers: [
        { name: 'a', transport: 'stdio', env: { K: '********' } },
        {
          name: 'b',
          transport: 'streamable-http',
          oauth: { tokenUrl: 'https://t', clientId: 'c', clientSecret: '********' },
        },
      ],
    });
    expect(problemPaths(response.body)).toEqual([
      'servers.0.command',
      'servers.0.env.K',
      'servers.1.oauth.clientSecret',
      'servers.1.url',
    ]);
  });

  it('reports duplicate names, duplicate effective prefixes and an empty prefix next to others', async () => {
    const response = await validate({
      name: 'collisions',
      servers: [
        { name: 'files', transport: 'stdio', command: 'x' },
        { name: 'files', transport: 'stdio', command: 'y', toolPrefix: 'other' },
        { name: 'search', transport: 'stdio', command: 'z', toolPrefix: 'files' },
        { name: 'bare', transport: 'stdio', command: 'w', toolPrefix: '' },
      ],
    });
    expect(response.body.valid).toBe(false);
    expect(problemPaths(response.body)).toEqual([
      'servers.1.name',
      'servers.2.toolPrefix',
      'servers.3.toolPrefix',
    ]);
    expect(
      response.body.problems.find((p: { path: string }) => p.path === 'servers.3.toolPrefix').message,
    ).toMatch(/collide/);
  });

  it('reports unknown policies and a name that is taken', async () => {
    const response = await validate({
      name: 'existing',
      servers: [
        { name: 'a', transport: 'stdio', command: 'x', inputPolicyId: UNKNOWN, outputPolicyId: policyId },
      ],
    });
    expect(problemPaths(response.body)).toEqual(['name', 'servers.0.inputPolicyId']);
  });

  it('keeps checking the servers that parse when another one does not', async () => {
    const response = await validate({
      name: 'partial',
      servers: [
        'not an object',
        { name: 'a', transport: 'stdio', command: 'x', toolPrefix: 'p' },
        { name: 'b', transport: 'stdio', command: 'x', toolPrefix: 'p' },
      ],
    });
    expect(problemPaths(response.body)).toEqual(['servers.0', 'servers.2.toolPrefix']);
  });

  it('requires an admin key', async () => {
    expect((await api.request('POST', '/api/v1/mcp-configs/validate', { key: null, body: {} })).status).toBe(
      401,
    );
  });
});
