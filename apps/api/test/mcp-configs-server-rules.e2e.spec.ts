// Field rules of MCP config servers over real HTTP against the real app and Postgres: every bad field
// is a 400 with its path, unknown references a 404, a taken tool prefix a 409.
import { beforeAll, describe, expect, it } from 'vitest';
import { stdioServer, useApi } from './api-harness';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('MCP config server rules', () => {
  const api = useApi();
  let configId: string;
  beforeAll(async () => {
    configId = (await api.createConfig('rules home')).id;
    await api.createServer(configId, stdioServer('files', { command: 'x' }));
  });

  const servers = (path = '') => `/api/v1/mcp-configs/${configId}/servers${path}`;
  const paths = (body: { details?: Array<{ path: string }> }) => (body.details ?? []).map((d) => d.path);

  it.each([
    ['a bad name', { name: 'Bad Name', transport: 'stdio', command: 'x' }, ['name']],
    ['a name with the delimiter', { name: 'a__b', transport: 'stdio', command: 'x' }, ['name']],
    ['an unknown transport', { name: 'x1', transport: 'websocket' }, ['transport']],
    ['stdio without a command', { name: 'x2', transport: 'stdio' }, ['command']],
    ['http without a url', { name: 'x3', transport: 'streamable-http' }, ['url']],
    ['a non-http url', { name: 'x4', transport: 'sse', url: 'ftp://example.com' }, ['url']],
    ['a bad env name', { name: 'x5', transport: 'stdio', command: 'x', env: { '1BAD': 'v' } }, ['env.1BAD']],
    ['a non-string env value', { name: 'x6', transport: 'stdio', command: 'x', env: { A: 1 } }, ['env.A']],
    [
      'a hop-by-hop header',
      { name: 'x7', transport: 'sse', url: 'https://e.com', headers: { Connection: 'close' } },
      ['headers.Connection'],
    ],
    [
      'a host header',
      { name: 'x8', transport: 'sse', url: 'https://e.com', headers: { Host: 'evil' } },
      ['headers.Host'],
    ],
    [
      'a header name that is not a token',
      { name: 'x9', transport: 'sse', url: 'https://e.com', headers: { 'a b': 'v' } },
      ['headers.a b'],
    ],
    [
      'a header value with a newline',
      { name: 'xa', transport: 'sse', url: 'https://e.com', headers: { A: 'x\r\nB: y' } },
      ['headers.A'],
    ],
    [
      'a prefix with the delimiter',
      { name: 'xb', transport: 'stdio', command: 'x', toolPrefix: 'a__b' },
      ['toolPrefix'],
    ],
    [
      'a timeout out of range',
      { name: 'xc', transport: 'stdio', command: 'x', callTimeoutMs: 99, connectTimeoutMs: 600001 },
      ['callTimeoutMs', 'connectTimeoutMs'],
    ],
    [
      'a fractional timeout',
      { name: 'xd', transport: 'stdio', command: 'x', discoveryTimeoutMs: 1000.5 },
      ['discoveryTimeoutMs'],
    ],
    [
      'an incomplete oauth',
      { name: 'xe', transport: 'sse', url: 'https://e.com', oauth: { tokenUrl: 'https://t' } },
      ['oauth.clientId', 'oauth.clientSecret'],
    ],
    [
      'an unknown scope',
      { name: 'xf', transport: 'stdio', command: 'x', connectionScope: 'global' },
      ['connectionScope'],
    ],
    ['an unknown field', { name: 'xg', transport: 'stdio', command: 'x', cmd: 'x' }, ['(root)']],
    [
      'a masked secret with nothing stored',
      { name: 'xh', transport: 'stdio', command: 'x', env: { A: '********' } },
      ['env.A'],
    ],
  ])('refuses %s with 400', async (_label, body, expected) => {
    const response = await api.request('POST', servers(), { body });
    expect(response.status).toBe(400);
    expect(paths(response.body)).toEqual(expect.arrayContaining(expected));
  });

  it('refuses unknown policies and configs with 404, and a taken tool prefix with 409', async () => {
    const policy = await api.request('POST', servers(), {
      body: { name: 'p1', transport: 'stdio', command: 'x', outputPolicyId: UNKNOWN },
    });
    expect(policy.status).toBe(404);
    const config = await api.request('POST', `/api/v1/mcp-configs/${UNKNOWN}/servers`, {
      body: { name: 'p2', transport: 'stdio', command: 'x' },
    });
    expect(config.status).toBe(404);
    const prefix = await api.request('POST', servers(), {
      body: { name: 'p3', transport: 'stdio', command: 'x', toolPrefix: 'files' },
    });
    expect(prefix.status).toBe(409);
    expect((await api.request('POST', '/api/v1/mcp-configs/not-a-uuid/servers', { body: {} })).status).toBe(
      400,
    );
  });
});
