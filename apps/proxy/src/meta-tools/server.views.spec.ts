import { testServerEntry } from '@bastion/testing';
import { describe, expect, it } from 'vitest';
import { McpError } from '../mcp/mcp-error';
import { findServer, serverDetails, withoutCredentials } from './server.views';

const SECRETS = [
  'env-secret-value',
  'header-secret-value',
  'oauth-secret-value',
  'arg-secret',
  'query-secret',
  'user:pw',
];

describe('server views', () => {
  it('show env and header names but no value, OAuth without client credentials, URLs without credentials', () => {
    const http = testServerEntry({
      name: 'remote',
      transport: 'streamable-http',
      url: 'https://user:pw@mcp.example/api/mcp?token=query-secret#frag',
      headers: { authorization: 'header-secret-value', 'x-b': 'header-secret-value' },
      env: { API_TOKEN: 'env-secret-value' },
      oauth: {
        tokenUrl: 'https://auth.example/token?k=query-secret',
        clientId: 'client-id-value',
        clientSecret: 'oauth-secret-value',
        scope: 'read',
        audience: null,
      },
    });
    const details = serverDetails(http, false);
    const text = JSON.stringify(details);
    for (const secret of [...SECRETS, 'client-id-value']) expect(text).not.toContain(secret);
    expect(details).toMatchObject({
      endpoint: { url: 'https://mcp.example/api/mcp' },
      envNames: ['API_TOKEN'],
      headerNames: ['authorization', 'x-b'],
      oauth: { tokenUrl: 'https://auth.example/token', scope: 'read', audience: null },
    });
  });

  it('show a stdio server as its program name and argument count', () => {
    const stdio = testServerEntry({
      command: '/usr/local/bin/node',
      args: ['server.js', '--token=arg-secret'],
    });
    const details = serverDetails(stdio, true);
    expect(JSON.stringify(details)).not.toContain('arg-secret');
    expect(details).toMatchObject({ endpoint: { command: 'node', argCount: 2 }, toolsHidden: true });
  });

  it('keep nothing of an unparsable URL and name an unknown server with -32602', () => {
    expect(withoutCredentials('not a url with secret')).toBeNull();
    expect(() => findServer([testServerEntry({ name: 'a' })], 'b')).toThrow(McpError);
    expect(() => findServer([], 'b')).toThrow(/Unknown server: b/);
  });
});
