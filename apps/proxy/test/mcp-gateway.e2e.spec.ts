// The gateway's MCP endpoint end to end: real proxy worker, real Redis, real upstream servers as
// child processes (the echo fixture and @modelcontextprotocol/server-everything), the SDK client.
import { fixtureServerEntry, testServerEntry } from '@bastion/testing';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyHarness, rawPost, type TestProject } from './proxy-harness';

const everythingBin = join(
  dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')),
  'dist',
  'index.js',
);

describe('MCP gateway', () => {
  const harness = new ProxyHarness();
  let url: string;
  let project: TestProject;

  beforeAll(async () => {
    url = await harness.startWorker();
    project = await harness.addProject([
      fixtureServerEntry('echo'),
      testServerEntry({ name: 'everything', command: process.execPath, args: [everythingBin, 'stdio'] }),
    ]);
  });
  afterAll(() => harness.close());

  it('aggregates the tools of every server under <server>__<tool>', async () => {
    const client = await harness.connect(url, project.key);
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['echo__echo', 'echo__add', 'everything__echo']));
    expect(names.every((name) => /^(echo|everything)__/.test(name))).toBe(true);
  });

  it('routes tool calls to the right upstream', async () => {
    const client = await harness.connect(url, project.key);
    const echoed = await client.callTool({ name: 'echo__echo', arguments: { message: 'hello' } });
    expect(JSON.stringify(echoed.content)).toContain('hello');
    const everything = await client.callTool({
      name: 'everything__echo',
      arguments: { message: 'from everything' },
    });
    expect(JSON.stringify(everything.content)).toContain('from everything');
  });

  it('answers an unknown tool with a clear -32602 naming it', async () => {
    const client = await harness.connect(url, project.key);
    await expect(client.callTool({ name: 'echo__nope', arguments: {} })).rejects.toThrow(
      /Unknown tool: echo__nope/,
    );
  });

  it('refuses requests without a valid key with 401 and WWW-Authenticate', async () => {
    const init = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    });
    const missing = await rawPost(url, init);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await rawPost(url, init, { 'x-api-key': 'bgw_' + 'A'.repeat(40) });
    expect(wrong.status).toBe(401);
    const ok = await rawPost(url, init, { 'x-api-key': project.key });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('mcp-session-id')).toBeTruthy();
  });

  it('maps malformed input to JSON-RPC errors without crashing', async () => {
    const auth = { authorization: `Bearer ${project.key}` };
    const parse = await rawPost(url, '{"jsonrpc": "2.0", "id": 7, ', auth);
    expect(parse.status).toBe(400);
    expect(parse.json.error.code).toBe(-32700);
    const invalid = await rawPost(url, JSON.stringify({ jsonrpc: '1.0', id: 1, method: 'x' }), auth);
    expect(invalid.json.error.code).toBe(-32600);
    const batch = await rawPost(url, '[]', auth);
    expect(batch.json.error.code).toBe(-32600);
    const huge = await rawPost(
      url,
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { x: 'y'.repeat(5_000_000) } }),
      auth,
    );
    expect(huge.status).toBe(413);
  });

  it('answers an unknown method with -32601', async () => {
    const client = await harness.connect(url, project.key);
    await expect(
      client.request({ method: 'nope/nothing', params: {} }, (await import('zod')).z.any()),
    ).rejects.toThrow(/-32601|not found/i);
  });

  it('binds a session to the key that created it', async () => {
    const client = await harness.connect(url, project.key);
    const sessionId = (client.transport as { sessionId?: string }).sessionId!;
    const other = await harness.addProject([fixtureServerEntry('echo')]);
    const ping = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' });
    const stolen = await rawPost(url, ping, {
      authorization: `Bearer ${other.key}`,
      'mcp-session-id': sessionId,
    });
    expect(stolen.status).toBe(404);
    const own = await rawPost(url, ping, {
      authorization: `Bearer ${project.key}`,
      'mcp-session-id': sessionId,
    });
    expect(own.status).toBe(200);
    const forged = await rawPost(url, ping, {
      authorization: `Bearer ${project.key}`,
      'mcp-session-id': 'v1.abcdefgh.x.y.z',
    });
    expect(forged.status).toBe(404);
  });

  it('refuses a foreign Origin (DNS-rebinding protection)', async () => {
    const ping = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
    const evil = await rawPost(url, ping, {
      authorization: `Bearer ${project.key}`,
      origin: 'https://evil.example',
    });
    expect(evil.status).toBe(403);
  });

  it('stops a revoked key mid-session', async () => {
    const victim = await harness.addProject([fixtureServerEntry('echo')]);
    const client = await harness.connect(url, victim.key);
    await client.ping();
    await harness.publish((s) => {
      delete s.keys[victim.keyId];
      return s;
    });
    await expect(client.ping()).rejects.toThrow(/401|not valid/);
  });
});
