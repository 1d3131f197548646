// The gateway's meta-tools (bastion__*) end to end: real proxy workers, real Redis, real upstream
// fixtures (stdio children and an in-process HTTP server), the SDK client. The per-config switch is
// flipped by publishing snapshots, as the api's relay does. One extra worker is built with a test
// guardrail stage (and a log capture) to prove that bastion__call_batch takes the guarded pipeline.
import { loadConfig } from '@bastion/config';
import { MCP_ERRORS } from '@bastion/contracts';
import {
  fixtureServerEntry,
  startHeadersFixture,
  TEST_REDIS_URL,
  testServerEntry,
  type HeadersFixture,
} from '@bastion/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { basename } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, format, transports } from 'winston';
import { McpError } from '../src/mcp/mcp-error';
import type { GuardrailStage } from '../src/pipeline/guardrail.stage';
import { createProxyRuntime, type ProxyRuntime } from '../src/proxy.runtime';
import { ProxyHarness, waitFor, type TestProject } from './proxy-harness';

const META_TOOLS = [
  'bastion__list_servers',
  'bastion__server_info',
  'bastion__discover_tools',
  'bastion__call_batch',
  'bastion__cache_status',
  'bastion__clear_cache',
  'bastion__timeout_metrics',
];
const INVALID_PARAMS = MCP_ERRORS.invalidParams.code;

type Structured = Record<string, any>;

async function setMetaTools(harness: ProxyHarness, project: TestProject, enabled: boolean): Promise<void> {
  await harness.publish((s) => {
    const configId = s.projects[project.projectId].mcpConfigId!;
    s.configs[configId].metaToolsEnabled = enabled;
    return s;
  });
}

async function toolNames(client: Client): Promise<string[]> {
  return (await client.listTools()).tools.map((tool) => tool.name);
}

/** Calls a meta-tool; every answer is also kept in `seen` (for the no-secrets check). */
async function meta(client: Client, tool: string, args: Record<string, unknown> = {}, seen?: string[]) {
  const result = await client.callTool({ name: `bastion__${tool}`, arguments: args });
  seen?.push(JSON.stringify(result));
  const content = result.content as Array<{ type: string; text: string }>;
  expect(JSON.parse(content[0].text)).toEqual(result.structuredContent);
  return result.structuredContent as Structured;
}

function textOf(result: Structured): string {
  return (result['content'] as Array<{ text: string }>).map((part) => part.text).join('');
}

describe('meta-tools', () => {
  const harness = new ProxyHarness();
  let url: string;
  let remote: HeadersFixture;

  beforeAll(async () => {
    url = await harness.startWorker({ TOOL_CACHE_TTL_MS: '60000' });
    remote = await startHeadersFixture();
  });
  afterAll(async () => {
    await harness.close();
    await remote.close();
  });

  it('appear and disappear with the config switch; an upstream with the reserved prefix yields to them', async () => {
    const project = await harness.addProject([
      fixtureServerEntry('echo'),
      fixtureServerEntry('echo', { name: 'shadow', toolPrefix: 'bastion' }),
    ]);
    const client = await harness.connect(url, project.key);
    const off = await toolNames(client);
    expect(off).toEqual(expect.arrayContaining(['echo__echo', 'bastion__echo']));
    expect(off.filter((name) => META_TOOLS.includes(name))).toEqual([]);
    await expect(client.callTool({ name: 'bastion__list_servers', arguments: {} })).rejects.toMatchObject({
      code: INVALID_PARAMS,
      message: expect.stringContaining('Unknown tool: bastion__list_servers'),
    });
    expect(
      JSON.stringify(
        (await client.callTool({ name: 'bastion__echo', arguments: { message: 'up' } })).content,
      ),
    ).toContain('up');

    await setMetaTools(harness, project, true);
    const { tools } = await client.listTools();
    const on = tools.map((tool) => tool.name);
    expect(on.slice(0, META_TOOLS.length)).toEqual(META_TOOLS);
    expect(on).toContain('echo__echo');
    expect(on).not.toContain('bastion__echo');
    for (const tool of tools.filter((t) => META_TOOLS.includes(t.name))) {
      expect(tool.description!.length).toBeGreaterThan(40);
      expect(tool.inputSchema).toMatchObject({ type: 'object', additionalProperties: false });
    }
    await expect(
      client.callTool({ name: 'bastion__echo', arguments: { message: 'x' } }),
    ).rejects.toMatchObject({
      code: INVALID_PARAMS,
      message: expect.stringContaining('Unknown tool: bastion__echo'),
    });
    const { servers } = await meta(client, 'list_servers');
    expect(servers.find((s: Structured) => s['name'] === 'shadow')).toMatchObject({
      prefix: 'bastion',
      toolsHidden: true,
    });
    await expect(meta(client, 'discover_tools', { server: 'shadow' })).rejects.toThrow(/reserved prefix/);

    await setMetaTools(harness, project, false);
    expect((await toolNames(client)).filter((name) => META_TOOLS.includes(name))).toEqual([]);
  });

  it('describe servers and their tools, and never show a secret', async () => {
    const envSecret = 'env-plaintext-7f3a9c';
    const headerSecret = 'header-plaintext-1b2d4e';
    const echo = fixtureServerEntry('echo', { env: { API_TOKEN: envSecret }, toolsDeny: ['add'] });
    const http = testServerEntry({
      name: 'remote',
      transport: 'streamable-http',
      url: `${remote.url}?token=${headerSecret}`,
      headers: { 'x-upstream-token': headerSecret },
    });
    const project = await harness.addProject([echo, http]);
    await setMetaTools(harness, project, true);
    const sealed = [
      harness.snapshot.servers[echo.id].env['API_TOKEN'],
      harness.snapshot.servers[http.id].headers['x-upstream-token'],
    ];
    const client = await harness.connect(url, project.key);
    const seen: string[] = [];

    const before = await meta(client, 'list_servers', {}, seen);
    expect(before['servers']).toEqual([
      {
        name: 'echo',
        transport: 'stdio',
        prefix: 'echo',
        toolsHidden: false,
        enabledTools: null,
        connection: expect.objectContaining({ state: 'not connected' }),
      },
      {
        name: 'remote',
        transport: 'streamable-http',
        prefix: 'remote',
        toolsHidden: false,
        enabledTools: null,
        connection: expect.objectContaining({ state: 'not connected' }),
      },
    ]);
    const listed = await toolNames(client);
    const after = await meta(client, 'list_servers', {}, seen);
    expect(after['servers'][0]).toMatchObject({
      enabledTools: 4,
      connection: { state: 'connected', connections: 1 },
    });
    expect(after['servers'][1]).toMatchObject({
      enabledTools: listed.filter((n) => n.startsWith('remote__')).length,
    });

    const echoInfo = await meta(client, 'server_info', { server: 'echo' }, seen);
    expect(echoInfo).toMatchObject({
      transport: 'stdio',
      endpoint: { command: basename(process.execPath), argCount: echo.args.length },
      envNames: ['API_TOKEN'],
      headerNames: [],
      timeouts: echo.timeouts,
      tools: { allow: [], deny: ['add'] },
      connectionScope: 'project',
    });
    const remoteInfo = await meta(client, 'server_info', { server: 'remote' }, seen);
    expect(remoteInfo).toMatchObject({
      endpoint: { url: remote.url },
      headerNames: ['x-upstream-token'],
      envNames: [],
    });

    const discovered = await meta(client, 'discover_tools', { server: 'echo' }, seen);
    expect(discovered['tools'].map((tool: Structured) => tool['name']).sort()).toEqual([
      'echo__echo',
      'echo__get_env',
      'echo__pid',
      'echo__reverse',
    ]);
    expect(discovered['tools'].find((tool: Structured) => tool['name'] === 'echo__echo')).toMatchObject({
      description: 'Echoes the message back.',
      inputSchema: { type: 'object', properties: { message: { type: 'string' } } },
    });
    await expect(meta(client, 'discover_tools', { server: 'nope' })).rejects.toMatchObject({
      code: INVALID_PARAMS,
    });
    await expect(meta(client, 'server_info', {})).rejects.toMatchObject({ code: INVALID_PARAMS });
    seen.push(
      JSON.stringify(await meta(client, 'cache_status')),
      JSON.stringify(await meta(client, 'timeout_metrics')),
    );
    seen.push(JSON.stringify(await meta(client, 'clear_cache')));

    // The secret is live (the upstream really got it), yet no description of the server shows it.
    const batch = await meta(client, 'call_batch', {
      calls: [{ name: 'echo__get_env', arguments: { name: 'API_TOKEN' } }],
    });
    expect(textOf(batch['results'][0]['result'])).toBe(envSecret);
    for (const output of seen)
      for (const secret of [envSecret, headerSecret, ...sealed]) expect(output).not.toContain(secret);
  });

  it('batch calls in order with per-call errors, within limits, with bounded parallelism', async () => {
    const project = await harness.addProject([
      fixtureServerEntry('echo', { toolsDeny: ['add'] }),
      fixtureServerEntry('slow'),
    ]);
    await setMetaTools(harness, project, true);
    const client = await harness.connect(url, project.key);
    const mixed = await meta(client, 'call_batch', {
      calls: [
        { name: 'echo__echo', arguments: { message: 'one' } },
        { name: 'echo__nope' },
        { name: 'echo__add', arguments: { a: 1, b: 2 } },
        { name: 'bastion__list_servers' },
        { name: 'slow__echo', arguments: { message: 'two' } },
      ],
    });
    expect(mixed).toMatchObject({ succeeded: 2, failed: 3 });
    const results = mixed['results'] as Structured[];
    expect(results.map((r) => [r['index'], r['name'], r['ok']])).toEqual([
      [0, 'echo__echo', true],
      [1, 'echo__nope', false],
      [2, 'echo__add', false],
      [3, 'bastion__list_servers', false],
      [4, 'slow__echo', true],
    ]);
    expect(textOf(results[0]['result'])).toBe('one');
    expect(textOf(results[4]['result'])).toBe('two');
    expect(results[1]['error']).toMatchObject({ code: INVALID_PARAMS, message: 'Unknown tool: echo__nope' });
    expect(results[2]['error']).toMatchObject({ code: INVALID_PARAMS, message: 'Unknown tool: echo__add' });
    expect(results[3]['error']).toMatchObject({
      code: INVALID_PARAMS,
      message: expect.stringMatching(/cannot be called/),
    });

    const call = { name: 'slow__echo', arguments: { message: 'x' } };
    for (const args of [
      { calls: Array(51).fill(call) },
      { calls: [call], maxParallel: 17 },
      { calls: [] },
      { calls: [{ name: 'x', extra: 1 }] },
    ]) {
      await expect(meta(client, 'call_batch', args)).rejects.toMatchObject({ code: INVALID_PARAMS });
    }
    const sleeps = { calls: Array(4).fill({ name: 'slow__sleep', arguments: { ms: 500 } }) };
    let started = Date.now();
    expect(await meta(client, 'call_batch', { ...sleeps, maxParallel: 1 })).toMatchObject({ succeeded: 4 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    started = Date.now();
    expect(await meta(client, 'call_batch', sleeps)).toMatchObject({ succeeded: 4 });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('report and clear the cached lists of the project', async () => {
    const project = await harness.addProject([fixtureServerEntry('echo'), fixtureServerEntry('slow')]);
    await setMetaTools(harness, project, true);
    const client = await harness.connect(url, project.key);
    const toolsCached = async () =>
      ((await meta(client, 'cache_status'))['servers'] as Structured[]).map((s) => [
        s['name'],
        s['lists']['tools']['cached'],
      ]);
    expect(await toolsCached()).toEqual([
      ['echo', false],
      ['slow', false],
    ]);
    await client.listTools();
    const status = await meta(client, 'cache_status');
    expect(status['ttlMs']).toBe(60_000);
    const echoLists = status['servers'][0]['lists'];
    expect(echoLists['tools']['remainingTtlMs']).toBeGreaterThan(50_000);
    expect(echoLists['tools']['remainingTtlMs']).toBeLessThanOrEqual(60_000);
    expect(echoLists['prompts']).toEqual({ cached: false, remainingTtlMs: null });

    expect(await meta(client, 'clear_cache', { server: 'echo' })).toEqual({ cleared: ['echo'] });
    expect(await toolsCached()).toEqual([
      ['echo', false],
      ['slow', true],
    ]);
    expect(await meta(client, 'clear_cache')).toEqual({ cleared: ['echo', 'slow'] });
    expect(await toolsCached()).toEqual([
      ['echo', false],
      ['slow', false],
    ]);
    await expect(meta(client, 'clear_cache', { server: 'nope' })).rejects.toMatchObject({
      code: INVALID_PARAMS,
    });
    await client.listTools();
    expect(await toolsCached()).toEqual([
      ['echo', true],
      ['slow', true],
    ]);
  });

  it('report budgets and observed latency, slow calls and timeouts per server', async () => {
    const timeouts = { connectMs: 10_000, discoveryMs: 10_000, callMs: 1_200 };
    const project = await harness.addProject([fixtureServerEntry('slow', { timeouts })]);
    await setMetaTools(harness, project, true);
    const client = await harness.connect(url, project.key);
    const sleep = (ms: number) => client.callTool({ name: 'slow__sleep', arguments: { ms } });
    await sleep(10);
    await sleep(10);
    await sleep(1_000);
    await expect(sleep(3_000)).rejects.toMatchObject({ code: MCP_ERRORS.upstreamTimeout.code });
    const metrics = await meta(client, 'timeout_metrics');
    expect(metrics['slowCallRatio']).toBe(0.8);
    const [slow] = metrics['servers'] as Structured[];
    expect(slow).toMatchObject({
      name: 'slow',
      budgets: timeouts,
      slowAfterMs: { call: 960, discovery: 8_000 },
    });
    const call = slow['observed']['call'];
    expect(call).toMatchObject({ calls: 4, errors: 1, timeouts: 1, slow: 2, cancelled: 0 });
    expect(call['p50Ms']).toBeGreaterThan(0);
    expect(call['p50Ms']).toBeLessThan(960);
    expect(call['p95Ms']).toBeGreaterThanOrEqual(1_200);
    expect(slow['observed']['discovery']['calls']).toBeGreaterThanOrEqual(1);
  });
});

describe('meta-tools behind guardrails', () => {
  const harness = new ProxyHarness();
  const inspected: string[] = [];
  const warnings: string[] = [];
  // Blocks any input mentioning "forbidden", redacts "classified" in outputs, records what it saw.
  const guardrails: GuardrailStage = {
    input: (call, args) => {
      inspected.push(`${call.server.name}/${call.tool}`);
      if (JSON.stringify(args).includes('forbidden')) {
        return Promise.reject(McpError.of('guardrailBlocked', 'Blocked by test policy: forbidden word.'));
      }
      return Promise.resolve(args);
    },
    output: (_call, result) =>
      Promise.resolve(JSON.parse(JSON.stringify(result).replaceAll('classified', '[REDACTED]'))),
  };
  let worker: ProxyRuntime;
  let url: string;

  beforeAll(async () => {
    await harness.startWorker();
    const config = loadConfig({
      REDIS_URL: TEST_REDIS_URL,
      BASTION_REDIS_PREFIX: harness.prefix,
      BASTION_MASTER_KEY: harness.masterKey,
      LOG_LEVEL: 'warn',
    });
    const capture = new Writable({
      write: (chunk, _encoding, done) => (warnings.push(String(chunk)), done()),
    });
    const logger = createLogger({
      level: 'warn',
      format: format.json(),
      transports: [new transports.Stream({ stream: capture })],
    });
    worker = createProxyRuntime(config, config.security.masterKey!, logger, guardrails);
    url = (await worker.listen(0)).replace('127.0.0.1', 'localhost');
    await worker.sync.whenReady();
  });
  afterAll(async () => {
    // Clients first: the runtime's close waits for open connections (a client's GET stream) to end.
    await harness.close();
    await worker.close();
  });

  it('run every batched call through the guardrail stage: blocked per call, outputs rewritten', async () => {
    const project = await harness.addProject([fixtureServerEntry('echo')]);
    await setMetaTools(harness, project, true);
    await waitFor(() => worker.sync.health().version >= harness.snapshot.version);
    const client = await harness.connect(url, project.key);
    await expect(
      client.callTool({ name: 'echo__echo', arguments: { message: 'forbidden' } }),
    ).rejects.toMatchObject({
      code: MCP_ERRORS.guardrailBlocked.code,
    });
    inspected.length = 0;
    const batch = await meta(client, 'call_batch', {
      calls: [
        { name: 'echo__echo', arguments: { message: 'hello' } },
        { name: 'echo__echo', arguments: { message: 'a forbidden word' } },
        { name: 'echo__echo', arguments: { message: 'classified data' } },
      ],
    });
    expect(inspected).toEqual(['echo/echo', 'echo/echo', 'echo/echo']);
    const results = batch['results'] as Structured[];
    expect(textOf(results[0]['result'])).toBe('hello');
    expect(results[1]).toMatchObject({
      ok: false,
      error: { code: MCP_ERRORS.guardrailBlocked.code, message: 'Blocked by test policy: forbidden word.' },
    });
    expect(textOf(results[2]['result'])).toBe('[REDACTED] data');
    expect(batch).toMatchObject({ succeeded: 2, failed: 1 });
  });

  it('log a warning when an upstream prefix collides with the reserved one', async () => {
    const project = await harness.addProject([
      fixtureServerEntry('echo', { name: 'impostor', toolPrefix: 'bastion' }),
    ]);
    await setMetaTools(harness, project, true);
    await waitFor(() => worker.sync.health().version >= harness.snapshot.version);
    const client = await harness.connect(url, project.key);
    expect((await toolNames(client)).filter((name) => !META_TOOLS.includes(name))).toEqual([]);
    const warning = warnings
      .map((line) => JSON.parse(line) as Structured)
      .find((entry) => entry['server'] === 'impostor');
    expect(warning).toMatchObject({
      level: 'warn',
      message: expect.stringContaining('reserved "bastion__" namespace'),
    });
  });
});
