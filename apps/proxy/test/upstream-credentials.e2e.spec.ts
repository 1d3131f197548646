// No client credential reaches an upstream: an HTTP upstream that records every request's headers
// sees the credentials of its own configuration (sealed at rest, opened by the worker) and none of
// what the MCP client sent, except the trace context.
import { startHeadersFixture, testServerEntry, type HeadersFixture } from '@bastion/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyHarness, type TestProject } from './proxy-harness';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('credentials toward HTTP upstreams', () => {
  const harness = new ProxyHarness();
  let fixture: HeadersFixture;
  let url: string;
  let project: TestProject;

  beforeAll(async () => {
    fixture = await startHeadersFixture();
    url = await harness.startWorker();
    project = await harness.addProject([
      testServerEntry({
        name: 'remote',
        transport: 'streamable-http',
        url: fixture.url,
        headers: { 'X-Upstream-Token': 'secret-value' },
      }),
    ]);
  });
  afterAll(async () => {
    await harness.close();
    await fixture?.close();
  });

  it('sends the configured headers and none of the client credentials; forwards traceparent', async () => {
    const client = await harness.connect(url, project.key, {
      cookie: 'session=client-cookie-value',
      'x-api-key': 'client-api-key-value',
      'x-client-custom': 'client-custom-value',
      traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
    });
    const gatewaySession = (client.transport as { sessionId?: string }).sessionId!;
    const result = await client.callTool({ name: 'remote__echo', arguments: { message: 'hi' } });
    expect(result.content).toEqual([{ type: 'text', text: 'hi' }]);

    const requests = fixture.requests;
    expect(requests.length).toBeGreaterThanOrEqual(3); // initialize, initialized, tools/list, tools/call
    const leaked = [
      'client-cookie-value',
      'client-api-key-value',
      'client-custom-value',
      project.key,
      gatewaySession,
    ];
    for (const request of requests) {
      expect(request.headers['x-upstream-token']).toBe('secret-value');
      expect(request.headers['authorization']).toBeUndefined();
      expect(request.headers['cookie']).toBeUndefined();
      expect(request.headers['x-api-key']).toBeUndefined();
      expect(request.headers['x-client-custom']).toBeUndefined();
      const values = JSON.stringify(request.headers);
      for (const secret of leaked) expect(values).not.toContain(secret);
    }
    const traced = requests.filter((request) =>
      String(request.headers['traceparent'] ?? '').includes(TRACE_ID),
    );
    expect(traced.length).toBeGreaterThanOrEqual(1);
    expect(traced.every((request) => request.method === 'POST')).toBe(true);
  });
});
