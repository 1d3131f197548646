/**
 * HTTP upstreams against the in-process headers fixture, which records every request's headers:
 * Streamable HTTP and SSE, configured (sealed) headers delivered, traceparent forwarded, nothing
 * else added; OAuth client credentials against a fake token endpoint (caching, refresh, errors);
 * unreachable servers and lost sessions.
 */
import { MCP_ERRORS } from '@bastion/contracts';
import { startHeadersFixture, testServerEntry, type HeadersFixture } from '@bastion/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createPoolKit, firstText, projectId, sleep } from './test/pool.kit';
import { startTokenEndpoint, type FakeTokenEndpoint } from './test/token-endpoint.kit';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
/** Headers fetch and the SDK transports send on their own. */
const TRANSPORT_HEADERS = new Set([
  'host',
  'connection',
  'content-type',
  'content-length',
  'accept',
  'accept-encoding',
  'accept-language',
  'user-agent',
  'sec-fetch-mode',
  'mcp-session-id',
  'mcp-protocol-version',
  'cache-control',
  'last-event-id',
  'pragma',
]);

describe.each([
  ['streamable-http', (f: HeadersFixture) => f.url],
  ['sse', (f: HeadersFixture) => f.sseUrl],
] as const)('UpstreamPool over %s', (transport, urlOf) => {
  let fixture: HeadersFixture;
  const kit = createPoolKit();
  beforeAll(async () => {
    fixture = await startHeadersFixture();
  });
  afterAll(async () => {
    await kit.pool.close();
    await fixture.close();
  });

  it('calls tools over one session, sending configured headers and traceparent and nothing else', async () => {
    const server = testServerEntry({
      name: 'headers',
      transport,
      url: urlOf(fixture),
      headers: { 'X-Upstream-Key': kit.seal('hdr-secret-1') },
    });
    const target = { projectId: projectId(), server };
    const listed = await kit.pool.request(target, 'tools/list', undefined, { operation: 'discovery' });
    expect((listed['tools'] as { name: string }[]).map((tool) => tool.name)).toContain('seen_headers');
    for (let i = 0; i < 5; i += 1) {
      const echoed = await kit.pool.request(target, 'tools/call', call('echo', { message: `m${i}` }), {
        operation: 'call',
        traceparent: TRACEPARENT,
      });
      expect(firstText(echoed)).toBe(`m${i}`);
    }
    expect(fixture.sessions()).toBe(1);
    expect(fixture.requests.length).toBeGreaterThan(5);
    for (const request of fixture.requests) {
      expect(request.headers['x-upstream-key']).toBe('hdr-secret-1');
      expect(request.headers['authorization']).toBeUndefined();
      const extra = Object.keys(request.headers).filter((name) => !TRANSPORT_HEADERS.has(name));
      expect(extra.filter((name) => name !== 'traceparent')).toEqual(['x-upstream-key']);
    }
    const traced = fixture.requests.filter((request) => request.headers['traceparent'] === TRACEPARENT);
    expect(traced).toHaveLength(5);
    // The upstream itself reports what it saw (the tool used by the proxy's own tests).
    const seen = await kit.pool.request(target, 'tools/call', call('seen_headers'), { operation: 'call' });
    expect(firstText(seen)).toContain('hdr-secret-1');
    // The gateway introduces itself as bastion-gateway and declares no client capabilities.
    const info = await kit.pool.request(target, 'tools/call', call('client_info'), { operation: 'call' });
    expect(JSON.parse(firstText(info))).toEqual({
      clientInfo: { name: 'bastion-gateway', version: expect.any(String) },
      capabilities: {},
    });
    // A deliberate close ends the upstream's Streamable HTTP session.
    await kit.pool.invalidateServer(server.id);
    const deletes = fixture.requests.filter((request) => request.method === 'DELETE');
    expect(deletes).toHaveLength(transport === 'streamable-http' ? 1 : 0);
    expect(deletes[0]?.headers['x-upstream-key'] ?? 'hdr-secret-1').toBe('hdr-secret-1');
  });

  it('fails clearly on an invalid header value without echoing it', async () => {
    const server = testServerEntry({
      transport,
      url: urlOf(fixture),
      headers: { 'X-Bad': kit.seal('line\nbreak') },
    });
    const failure = kit.pool.request({ projectId: projectId(), server }, 'tools/list', undefined, {
      operation: 'discovery',
    });
    await expect(failure).rejects.toThrow(
      'server "test-server": the value of header X-Bad is not a valid header value.',
    );
  });
});

describe('UpstreamPool HTTP failures', () => {
  it('reports an unreachable server as unavailable', async () => {
    const kit = createPoolKit();
    const closed = await startHeadersFixture();
    await closed.close();
    const server = testServerEntry({ name: 'gone', transport: 'streamable-http', url: closed.url });
    const failure = kit.pool.request({ projectId: projectId(), server }, 'tools/list', undefined, {
      operation: 'discovery',
    });
    await expect(failure).rejects.toMatchObject({
      failure: 'unavailable',
      code: MCP_ERRORS.upstreamUnavailable.code,
    });
    await expect(failure).rejects.toThrow(/server "gone" could not be started or reached \(ECONNREFUSED\)/);
    await kit.pool.close();
  });

  it('replaces a connection whose session the server lost', async () => {
    const fixture = await startHeadersFixture();
    const kit = createPoolKit();
    const target = {
      projectId: projectId(),
      server: testServerEntry({ transport: 'streamable-http', url: fixture.url }),
    };
    await kit.pool.request(target, 'tools/list', undefined, { operation: 'discovery' });
    await fixture.dropSessions();
    const lost = kit.pool.request(target, 'tools/list', undefined, { operation: 'discovery' });
    await expect(lost).rejects.toMatchObject({ failure: 'unavailable' });
    await expect(lost).rejects.toThrow(/HTTP 404/);
    await sleep(300);
    await kit.pool.request(target, 'tools/list', undefined, { operation: 'discovery' });
    expect(fixture.sessions()).toBe(2);
    expect(kit.pool.stats()).toMatchObject({ connections: 1, restarts: 1 });
    await kit.pool.close();
    await fixture.close();
  });
});

describe('UpstreamPool OAuth client credentials', () => {
  let tokens: FakeTokenEndpoint;
  let fixture: HeadersFixture;
  const kit = createPoolKit();
  const oauthServer = (overrides: { clientSecret?: string } = {}) =>
    testServerEntry({
      name: 'oauth',
      transport: 'streamable-http',
      url: fixture.url,
      oauth: {
        tokenUrl: tokens.url,
        clientId: 'bastion-client',
        clientSecret: overrides.clientSecret ?? kit.seal('client-secret-xyz'),
        scope: 'mcp:tools',
        audience: 'https://upstream.example',
      },
    });
  const authorizations = () => fixture.requests.map((request) => request.headers['authorization']);
  beforeAll(async () => {
    tokens = await startTokenEndpoint();
    fixture = await startHeadersFixture({ authorize: (value) => value?.startsWith('Bearer tok-') === true });
  });
  afterAll(async () => {
    await kit.pool.close();
    await fixture.close();
    await tokens.close();
  });

  it('fetches one token, caches it and sends it as a bearer token', async () => {
    const target = { projectId: projectId(), server: oauthServer() };
    for (let i = 0; i < 3; i += 1)
      await kit.pool.request(target, 'tools/list', undefined, { operation: 'discovery' });
    expect(tokens.requests).toHaveLength(1);
    expect(Object.fromEntries(tokens.requests[0])).toEqual({
      grant_type: 'client_credentials',
      client_id: 'bastion-client',
      client_secret: 'client-secret-xyz',
      scope: 'mcp:tools',
      audience: 'https://upstream.example',
    });
    expect(new Set(authorizations())).toEqual(new Set(['Bearer tok-1']));
    // A second project's connection to the same server shares the cached token.
    await kit.pool.request({ projectId: projectId(), server: target.server }, 'tools/list', undefined, {
      operation: 'discovery',
    });
    expect(tokens.requests).toHaveLength(1);
    await kit.pool.invalidateServer(target.server.id);
  });

  it('refreshes shortly before expiry and after expiry', async () => {
    tokens.requests.length = 0;
    fixture.requests.length = 0;
    tokens.expiresIn = 1; // refresh window starts at 0.8 s
    const target = { projectId: projectId(), server: oauthServer() };
    await kit.pool.request(target, 'tools/list', undefined, { operation: 'discovery' });
    await sleep(850);
    await kit.pool.request(target, 'tools/list', undefined, { operation: 'discovery' }); // old token, refresh starts
    await sleep(50);
    await kit.pool.request(target, 'tools/list', undefined, { operation: 'discovery' });
    expect(tokens.requests).toHaveLength(2);
    await sleep(1_100);
    await kit.pool.request(target, 'tools/list', undefined, { operation: 'discovery' }); // expired: waits for tok-3
    expect(tokens.requests).toHaveLength(3);
    const seen = authorizations().filter((value) => value !== undefined);
    expect(seen.at(-1)).toBe('Bearer tok-3');
    expect(seen).toContain('Bearer tok-2');
    await kit.pool.invalidateServer(target.server.id);
    tokens.expiresIn = 3600;
  });

  it('fails with unavailable naming the token error, never the secret', async () => {
    tokens.refuse = { status: 401, error: 'invalid_client' };
    const failure = kit.pool.request(
      { projectId: projectId(), server: oauthServer() },
      'tools/list',
      undefined,
      {
        operation: 'discovery',
      },
    );
    await expect(failure).rejects.toMatchObject({ failure: 'unavailable' });
    await expect(failure).rejects.toThrow(
      'server "oauth": the OAuth token endpoint refused the client credentials (HTTP 401: invalid_client).',
    );
    tokens.refuse = undefined;
  });

  it('fails clearly when the sealed client secret cannot be opened', async () => {
    const failure = kit.pool.request(
      { projectId: projectId(), server: oauthServer({ clientSecret: 'plain-secret' }) },
      'tools/list',
      undefined,
      { operation: 'discovery' },
    );
    await expect(failure).rejects.toThrow('server "oauth": the OAuth client secret could not be decrypted.');
    await expect(failure).rejects.not.toThrow(/plain-secret/);
  });
});
