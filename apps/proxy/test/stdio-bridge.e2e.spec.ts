// The stdio bridge desktop clients launch (apps/proxy/bin/bastion-stdio.cjs): an SDK stdio client
// reaches the gateway's tools through it, and its stdout carries nothing but JSON-RPC.
import { fixtureServerEntry } from '@bastion/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyHarness, type TestProject } from './proxy-harness';
import { REPO_ROOT } from './support/node-service';
import { isJsonRpcLine, spawnLineProcess, type LineProcess } from './support/stdio-process';

const BRIDGE = join(REPO_ROOT, 'apps/proxy/bin/bastion-stdio.cjs');
const BAD_KEY = `bgw_${'A'.repeat(40)}`;
const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'desktop', version: '1' } },
};

describe('stdio bridge', () => {
  const harness = new ProxyHarness();
  const processes: LineProcess[] = [];
  let url: string;
  let project: TestProject;

  beforeAll(async () => {
    url = await harness.startWorker();
    project = await harness.addProject([fixtureServerEntry('echo')]);
  });
  afterAll(async () => {
    processes.forEach((process) => process.kill());
    await harness.close();
  });

  const bridgeEnv = (key: string) => ({ ...getDefaultEnvironment(), BASTION_KEY: key });
  const spawnBridge = (key: string) => {
    const bridge = spawnLineProcess(process.execPath, [BRIDGE, '--url', url], bridgeEnv(key));
    processes.push(bridge);
    return bridge;
  };

  it('lets an SDK stdio client list and call the gateway tools', async () => {
    const client = new Client({ name: 'desktop', version: '1.0.0' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BRIDGE, '--url', url],
      env: bridgeEnv(project.key),
      stderr: 'pipe',
    });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()?.name).toBe('bastion');
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).toEqual(expect.arrayContaining(['echo__echo', 'echo__add']));
      const result = await client.callTool({ name: 'echo__add', arguments: { a: 2, b: 3 } });
      expect(result.content).toEqual([{ type: 'text', text: '5' }]);
    } finally {
      await client.close();
    }
  });

  it('writes nothing but JSON-RPC lines on stdout, and exits when the client closes stdin', async () => {
    const bridge = spawnBridge(project.key);
    bridge.send(INITIALIZE);
    expect((await bridge.response(1)).result.serverInfo.name).toBe('bastion');
    bridge.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    bridge.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    expect((await bridge.response(2)).result.tools.length).toBeGreaterThan(0);
    bridge.send({
      jsonrpc: '2.0',
      id: 3,
      method: 'tools/call',
      params: { name: 'echo__echo', arguments: { message: 'over stdio' } },
    });
    expect((await bridge.response(3)).result.content[0].text).toBe('over stdio');
    expect(bridge.stdout.length).toBeGreaterThanOrEqual(3);
    expect(bridge.stdout.filter((line) => !isJsonRpcLine(line))).toEqual([]);

    bridge.child.stdin!.end();
    expect(await bridge.exit(3_000)).toBe(0);
    expect(bridge.stdout.filter((line) => !isJsonRpcLine(line))).toEqual([]);
  });

  it('with a bad key: the client gets an error, stdout stays protocol-only, stderr says why', async () => {
    const bridge = spawnBridge(BAD_KEY);
    bridge.send(INITIALIZE);
    // Either a JSON-RPC error for the initialize, or the bridge ends: never silence.
    const outcome = await Promise.race([
      bridge.response(1, 4_000).then((message) => ({ message })),
      bridge.exit(4_000).then((code) => ({ code })),
    ]);
    if ('message' in outcome) expect(outcome.message.error).toBeDefined();
    else expect(outcome.code).not.toBe(0);
    expect(bridge.stderr()).toMatch(/401|not valid|key/i);
    expect(bridge.stdout.filter((line) => !isJsonRpcLine(line))).toEqual([]);
  });

  it('with a bad key: the SDK stdio client fails to connect promptly (not by timing out)', async () => {
    const client = new Client({ name: 'desktop', version: '1.0.0' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BRIDGE, '--url', url],
      env: bridgeEnv(BAD_KEY),
      stderr: 'pipe',
    });
    const error = await client.connect(transport, { timeout: 4_000 }).then(
      () => null,
      (e: unknown) => e,
    );
    await client.close().catch(() => undefined);
    expect(error).toBeInstanceOf(Error);
    expect((error as McpError).code).not.toBe(ErrorCode.RequestTimeout);
  });
});
