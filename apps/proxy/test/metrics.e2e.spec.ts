// The worker's /metrics after real traffic: the metric names dashboards and alerts rely on
// (ARCHITECTURE.md → Observability), with bounded labels.
import { fixtureServerEntry } from '@bastion/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyHarness, rawPost } from './proxy-harness';

describe('proxy metrics', () => {
  const harness = new ProxyHarness();
  let url: string;

  beforeAll(async () => {
    url = await harness.startWorker();
  });
  afterAll(() => harness.close());

  it('counts requests, tool calls, sessions and upstream state', async () => {
    const project = await harness.addProject([fixtureServerEntry('echo')]);
    const client = await harness.connect(url, project.key);
    await client.listTools();
    await client.callTool({ name: 'echo__echo', arguments: { message: 'x' } });
    await expect(client.callTool({ name: 'echo__nope', arguments: {} })).rejects.toThrow();
    const sessionId = (client.transport as { sessionId?: string }).sessionId!;
    await rawPost(url, JSON.stringify({ jsonrpc: '2.0', id: 9, method: `made/up/${'x'.repeat(20)}` }), {
      authorization: `Bearer ${project.key}`,
      'mcp-session-id': sessionId,
    });

    const text = await (await fetch(url.replace('/mcp', '/metrics'))).text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
    expect(
      value(/^mcp_requests_total\{method="tools\/call",status="ok"[^}]*\} (\d+)/m),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value(/^mcp_requests_total\{method="tools\/call",status="error"[^}]*\} (\d+)/m),
    ).toBeGreaterThanOrEqual(1);
    expect(value(/^mcp_requests_total\{method="other",status="error"[^}]*\} (\d+)/m)).toBe(1);
    expect(text).not.toContain('made/up');
    expect(value(/^mcp_tool_calls_total\{server="echo",tool="echo",status="ok"[^}]*\} (\d+)/m)).toBe(1);
    expect(text).toMatch(
      /^mcp_request_duration_seconds_bucket\{le="0\.005",app="bastion-proxy",method="tools\/list"\}/m,
    );
    expect(value(/^mcp_active_sessions\{[^}]*\} (\d+)/m)).toBeGreaterThanOrEqual(1);
    expect(value(/^bastion_upstream_processes\{[^}]*\} (\d+)/m)).toBe(1);
    expect(value(/^bastion_upstream_restarts_total\{[^}]*\} (\d+)/m)).toBe(0);
    expect(value(/^bastion_config_version\{[^}]*\} (\d+)/m)).toBe(harness.snapshot.version);
    expect(text).toMatch(/^process_cpu_seconds_total/m);
  });
});
