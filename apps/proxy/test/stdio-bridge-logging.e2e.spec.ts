// The stdio bridge with LOG_LEVEL=debug: it logs every relayed message (redacted), and none of it —
// nor anything else but JSON-RPC — reaches stdout, which is the protocol channel. Logs go to stderr,
// or to LOG_FILE when set.
import { fixtureServerEntry } from '@bastion/testing';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyHarness, type TestProject } from './proxy-harness';
import { REPO_ROOT } from './support/node-service';
import { isJsonRpcLine, spawnLineProcess, type LineProcess } from './support/stdio-process';

const BRIDGE = join(REPO_ROOT, 'apps/proxy/bin/bastion-stdio.cjs');
const SECRET = `ghp_${'aZ3k9Qx7Lm2Vb8Nc4Rt6Yw1Ps5Df0Gh'}Jk7M`; // GitHub token shape, assembled here

describe('stdio bridge logging', () => {
  const harness = new ProxyHarness();
  const processes: LineProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'bastion-bridge-logs-'));
  let url: string;
  let project: TestProject;

  beforeAll(async () => {
    url = await harness.startWorker();
    project = await harness.addProject([fixtureServerEntry('echo')]);
  });
  afterAll(async () => {
    processes.forEach((process) => process.kill());
    await harness.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const spawnBridge = (env: Record<string, string>) => {
    const bridge = spawnLineProcess(process.execPath, [BRIDGE, '--url', url], {
      ...getDefaultEnvironment(),
      BASTION_KEY: project.key,
      ...env,
    });
    processes.push(bridge);
    return bridge;
  };

  /** initialize, tools/list and a tools/call whose argument carries a credential; then stdin closes. */
  async function converse(bridge: LineProcess): Promise<void> {
    bridge.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'desktop', version: '1' },
      },
    });
    expect((await bridge.response(1)).result.serverInfo.name).toBe('bastion');
    bridge.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    bridge.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    await bridge.response(2);
    bridge.send({
      jsonrpc: '2.0',
      id: 3,
      method: 'tools/call',
      params: { name: 'echo__echo', arguments: { message: `hello\n{"jsonrpc":"2.0","id":99} ${SECRET}` } },
    });
    await bridge.response(3);
    bridge.child.stdin!.end();
    expect(await bridge.exit(5_000)).toBe(0);
  }

  /** Each line one JSON log record from the bridge. */
  const logRecords = (text: string) =>
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, any>);

  it('at debug: stdout carries only JSON-RPC, stderr the redacted debug records', async () => {
    const bridge = spawnBridge({ LOG_LEVEL: 'debug' });
    await converse(bridge);
    expect(bridge.stdout.length).toBeGreaterThanOrEqual(3);
    expect(bridge.stdout.filter((line) => !isJsonRpcLine(line))).toEqual([]);
    expect(bridge.stdout.some((line) => line.includes('"service":"bastion-stdio"'))).toBe(false);

    const records = logRecords(bridge.stderr());
    const relayed = records.filter((r) => r['level'] === 'debug');
    expect(relayed.map((r) => r['message'])).toEqual(
      expect.arrayContaining(['client → gateway', 'gateway → client']),
    );
    expect(relayed.every((r) => r['service'] === 'bastion-stdio' && r['payload'] !== undefined)).toBe(true);
    expect(bridge.stderr()).not.toContain(SECRET.slice(4, 20));
    expect(bridge.stderr()).toContain('[REDACTED:github-token]');
  });

  it('with LOG_FILE: the records go to the file, stderr and stdout stay clean', async () => {
    const file = join(dir, 'bridge.log');
    const bridge = spawnBridge({ LOG_LEVEL: 'debug', LOG_FILE: file });
    await converse(bridge);
    expect(bridge.stdout.filter((line) => !isJsonRpcLine(line))).toEqual([]);
    expect(bridge.stderr()).toBe('');
    const records = logRecords(readFileSync(file, 'utf8'));
    expect(records.filter((r) => r['message'] === 'client → gateway').length).toBeGreaterThanOrEqual(3);
    expect(readFileSync(file, 'utf8')).not.toContain(SECRET.slice(4, 20));
  });

  it('at the default level logs nothing for a normal conversation', async () => {
    const bridge = spawnBridge({});
    await converse(bridge);
    expect(bridge.stdout.filter((line) => !isJsonRpcLine(line))).toEqual([]);
    expect(bridge.stderr()).toBe('');
  });
});
