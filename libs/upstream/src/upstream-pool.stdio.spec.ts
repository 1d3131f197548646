/**
 * UpstreamPool over stdio against the `echo` fixture: lazy connect, reuse, concurrency, scoping
 * (project, session, never across projects), sealed env, upstream errors, invalidation, idle close
 * and the process cap. One kit per describe keeps process spawns (≈0.4 s each) few.
 */
import { MCP_ERRORS } from '@bastion/contracts';
import { fixtureServerEntry } from '@bastion/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { UpstreamError } from './upstream.error';
import { call, createPoolKit, firstText, projectId, waitFor } from './test/pool.kit';

describe('UpstreamPool over stdio', () => {
  const kit = createPoolKit();
  const project = projectId();
  const echo = fixtureServerEntry('echo');
  const target = { projectId: project, server: echo };
  afterAll(() => kit.pool.close());

  it('lists and calls tools over one lazily opened process', async () => {
    expect(kit.pool.stats().connections).toBe(0);
    const listed = await kit.pool.request(target, 'tools/list', undefined, { operation: 'discovery' });
    const names = (listed['tools'] as { name: string }[]).map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['echo', 'add']));
    for (let i = 0; i < 10; i += 1) {
      const result = await kit.pool.request(target, 'tools/call', call('add', { a: i, b: 1 }), {
        operation: 'call',
      });
      expect(firstText(result)).toBe(String(i + 1));
    }
    const stats = kit.pool.stats();
    expect(stats).toMatchObject({ connections: 1, processes: 1, spawns: 1, restarts: 0 });
    expect(stats.byServer[echo.id]).toMatchObject({ name: 'echo', connections: 1, spawns: 1 });
    // The child's stderr reaches the log as debug lines.
    await waitFor(() => kit.logs.some((line) => line.message === 'upstream stderr'));
    const stderr = kit.logs.find((line) => line.message === 'upstream stderr');
    expect(stderr).toMatchObject({
      level: 'debug',
      fields: { server: 'echo', line: expect.stringMatching(/fixture echo ready/) },
    });
  });

  it('shares one connection among 20 concurrent calls', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        kit.pool.request(target, 'tools/call', call('echo', { message: `m${i}` }), { operation: 'call' }),
      ),
    );
    expect(results.map(firstText)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`));
    expect(kit.pool.stats()).toMatchObject({ connections: 1, spawns: 1 });
  });

  it('passes an upstream JSON-RPC error through with its own code and message', async () => {
    // tools/call without a name: the SDK server rejects the request with its own -32603 and message.
    const failure = kit.pool.request(target, 'tools/call', { arguments: {} }, { operation: 'call' });
    await expect(failure).rejects.toMatchObject({ failure: 'upstream-error', code: -32603 });
    await expect(failure).rejects.toThrow(/name/);
    await expect(failure).rejects.not.toThrow(/^MCP error/);
    // The SDK's McpServer answers an unknown tool with an isError result, which is passed on as is.
    const unknownTool = await kit.pool.request(target, 'tools/call', call('no_such_tool'), {
      operation: 'call',
    });
    expect(unknownTool).toMatchObject({ isError: true });
    expect(firstText(unknownTool)).toMatch(/no_such_tool/);
    const unknownMethod = kit.pool.request(target, 'no/such/method', undefined, { operation: 'discovery' });
    await expect(unknownMethod).rejects.toMatchObject({
      failure: 'upstream-error',
      code: MCP_ERRORS.methodNotFound.code,
    });
  });

  it('never shares a connection across projects', async () => {
    const other = { projectId: projectId(), server: echo };
    const pids = await Promise.all(
      [target, other].map(async (t) =>
        firstText(await kit.pool.request(t, 'tools/call', call('pid'), { operation: 'call' })),
      ),
    );
    expect(pids[0]).not.toBe(pids[1]);
    expect(kit.pool.stats().byServer[echo.id]).toMatchObject({ connections: 2, processes: 2 });
    await kit.pool.invalidateServer(echo.id);
    expect(kit.pool.stats().byServer[echo.id]).toMatchObject({ connections: 0, processes: 0 });
  });

  it('opens one connection per session for session-scoped servers', async () => {
    const scoped = fixtureServerEntry('echo', { connectionScope: 'session' });
    const pidOf = async (sessionId: string) =>
      firstText(
        await kit.pool.request({ projectId: project, server: scoped, sessionId }, 'tools/call', call('pid'), {
          operation: 'call',
        }),
      );
    const [a1, b1, a2] = await Promise.all([pidOf('session-a'), pidOf('session-b'), pidOf('session-a')]);
    expect(a1).toBe(a2);
    expect(a1).not.toBe(b1);
    expect(kit.pool.stats().byServer[scoped.id]?.connections).toBe(2);
    await kit.pool.closeSession('session-a');
    expect(kit.pool.stats().byServer[scoped.id]?.connections).toBe(1);
    await kit.pool.closeSession('session-b');
    expect(kit.pool.stats().byServer[scoped.id]?.connections).toBe(0);
  });

  it('delivers opened env secrets to the child, and only a minimal environment', async () => {
    const server = fixtureServerEntry('echo', { env: { UPSTREAM_TOKEN: kit.seal('s3cret-value') } });
    const t = { projectId: project, server };
    const env = async (name: string) =>
      firstText(await kit.pool.request(t, 'tools/call', call('get_env', { name }), { operation: 'call' }));
    expect(await env('UPSTREAM_TOKEN')).toBe('s3cret-value');
    expect(await env('VITEST')).toBe('<unset>');
    expect(await env('PATH')).not.toBe('<unset>');
    await kit.pool.invalidateServer(server.id);
  });

  it('reconnects with the new config after invalidateServer and on a changed entry', async () => {
    const server = fixtureServerEntry('echo', { env: { MARK: kit.seal('one') } });
    const mark = async (entry: typeof server) =>
      firstText(
        await kit.pool.request(
          { projectId: project, server: entry },
          'tools/call',
          call('get_env', { name: 'MARK' }),
          {
            operation: 'call',
          },
        ),
      );
    expect(await mark(server)).toBe('one');
    await kit.pool.invalidateServer(server.id);
    expect(kit.pool.stats().byServer[server.id]?.connections).toBe(0);
    const changed = { ...server, env: { MARK: kit.seal('two') } };
    expect(await mark(changed)).toBe('two');
    expect(await mark({ ...changed })).toBe('two'); // same config, new object: same connection
    expect(kit.pool.stats().byServer[server.id]).toMatchObject({ connections: 1, spawns: 2 });
    const changedAgain = { ...changed, env: { MARK: kit.seal('three') } };
    expect(await mark(changedAgain)).toBe('three'); // changed without invalidate: replaced on use
    await waitFor(() => kit.pool.stats().byServer[server.id]?.processes === 1);
    await kit.pool.invalidateServer(server.id);
  });

  it('fails with a clear unavailable error when the command cannot start', async () => {
    const broken = fixtureServerEntry('echo', { command: '/nonexistent/mcp-server', args: [] });
    const failure = kit.pool.request({ projectId: project, server: broken }, 'tools/list', undefined, {
      operation: 'discovery',
    });
    await expect(failure).rejects.toBeInstanceOf(UpstreamError);
    await expect(failure).rejects.toMatchObject({
      failure: 'unavailable',
      code: MCP_ERRORS.upstreamUnavailable.code,
    });
    await expect(failure).rejects.toThrow(/server "echo".*ENOENT/);
  });

  it('fails clearly when a sealed env value cannot be opened, without leaking it', async () => {
    const server = fixtureServerEntry('echo', { env: { API_KEY: 'not-a-sealed-value' } });
    const failure = kit.pool.request({ projectId: project, server }, 'tools/list', undefined, {
      operation: 'discovery',
    });
    await expect(failure).rejects.toThrow(/env var API_KEY could not be decrypted/);
    await expect(failure).rejects.not.toThrow(/not-a-sealed-value/);
  });
});

describe('UpstreamPool process cap and idle close', () => {
  it('closes idle connections after idleMs', async () => {
    const kit = createPoolKit({ idleMs: 300 });
    const target = { projectId: projectId(), server: fixtureServerEntry('echo') };
    await kit.pool.request(target, 'tools/list', undefined, { operation: 'discovery' });
    expect(kit.pool.stats().processes).toBe(1);
    await waitFor(() => kit.pool.stats().processes === 0, 3_000);
    expect(kit.pool.stats().connections).toBe(0);
    await kit.pool.request(target, 'tools/list', undefined, { operation: 'discovery' });
    expect(kit.pool.stats()).toMatchObject({ processes: 1, spawns: 2, restarts: 0 });
    await kit.pool.close();
    expect(kit.pool.stats().processes).toBe(0);
  });

  it('caps live processes, refusing while all are busy and evicting an idle one', async () => {
    const kit = createPoolKit({ maxProcesses: 1 });
    const slow = { projectId: projectId(), server: fixtureServerEntry('slow') };
    const echo = { projectId: projectId(), server: fixtureServerEntry('echo') };
    const sleeping = kit.pool.request(slow, 'tools/call', call('sleep', { ms: 700 }), { operation: 'call' });
    await waitFor(() => kit.pool.stats().byServer[slow.server.id]?.inFlight === 1);
    const refused = kit.pool.request(echo, 'tools/list', undefined, { operation: 'discovery' });
    await expect(refused).rejects.toMatchObject({ failure: 'unavailable' });
    await expect(refused).rejects.toThrow(/server "echo" cannot be started: .*limit of 1 upstream processes/);
    expect(firstText(await sleeping)).toBe('slept 700 ms');
    await kit.pool.request(echo, 'tools/list', undefined, { operation: 'discovery' }); // evicts idle "slow"
    expect(kit.pool.stats()).toMatchObject({ processes: 1, connections: 1, spawns: 2 });
    expect(kit.pool.stats().byServer[slow.server.id]?.connections).toBe(0);
    await kit.pool.close();
  });
});
