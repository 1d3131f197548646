/**
 * Time budgets, cancellation and progress against the `slow` fixture, whose `sleep` tool reports
 * progress every 100 ms and counts the sleeps it saw cancelled (proof that notifications/cancelled
 * reached it). All tests share one process.
 */
import { MCP_ERRORS } from '@bastion/contracts';
import { fixtureServerEntry } from '@bastion/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { call, createPoolKit, firstText, projectId, sleep } from './test/pool.kit';

describe('UpstreamPool timeouts, cancellation and progress', () => {
  const kit = createPoolKit({ slowCallWarnRatio: 0.5 });
  const server = fixtureServerEntry('slow', {
    timeouts: { connectMs: 10_000, discoveryMs: 5_000, callMs: 400 },
  });
  const target = { projectId: projectId(), server };
  const cancellations = async () =>
    Number(
      firstText(
        await kit.pool.request(target, 'tools/call', call('cancellations'), { operation: 'discovery' }),
      ),
    );
  afterAll(() => kit.pool.close());

  it('fails a call over callMs with timeout and keeps the connection usable', async () => {
    const before = await cancellations();
    const started = Date.now();
    const failure = kit.pool.request(target, 'tools/call', call('sleep', { ms: 3_000 }), {
      operation: 'call',
    });
    await expect(failure).rejects.toMatchObject({
      failure: 'timeout',
      code: MCP_ERRORS.upstreamTimeout.code,
    });
    await expect(failure).rejects.toThrow('server "slow" did not answer tools/call within 400 ms.');
    expect(Date.now() - started).toBeLessThan(1_500);
    const echoed = await kit.pool.request(target, 'tools/call', call('echo', { message: 'still here' }), {
      operation: 'call',
    });
    expect(firstText(echoed)).toBe('still here');
    // The SDK sent notifications/cancelled when the budget ran out.
    await sleep(250);
    expect(await cancellations()).toBe(before + 1);
    expect(kit.pool.stats()).toMatchObject({ spawns: 1, restarts: 0 });
  });

  it('uses discoveryMs for discovery operations', async () => {
    const result = await kit.pool.request(target, 'tools/call', call('sleep', { ms: 600 }), {
      operation: 'discovery',
    });
    expect(firstText(result)).toBe('slept 600 ms');
  });

  it('cancels upstream when the caller aborts', async () => {
    const before = await cancellations();
    const controller = new AbortController();
    const started = Date.now();
    const failure = kit.pool.request(target, 'tools/call', call('sleep', { ms: 3_000 }), {
      operation: 'discovery',
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 150);
    await expect(failure).rejects.toMatchObject({
      failure: 'cancelled',
      code: MCP_ERRORS.requestCancelled.code,
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    await sleep(250);
    expect(await cancellations()).toBe(before + 1);
  });

  it('rejects at once with an already aborted signal', async () => {
    const failure = kit.pool.request(target, 'tools/call', call('echo', { message: 'x' }), {
      operation: 'call',
      signal: AbortSignal.abort(),
    });
    await expect(failure).rejects.toMatchObject({ failure: 'cancelled' });
  });

  it('forwards progress notifications', async () => {
    const progress: { progress: number; total?: number; message?: string }[] = [];
    const result = await kit.pool.request(target, 'tools/call', call('sleep', { ms: 600 }), {
      operation: 'discovery',
      onProgress: (update) => progress.push(update),
    });
    expect(firstText(result)).toBe('slept 600 ms');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[0]).toMatchObject({ total: 600, message: expect.stringMatching(/^slept \d+ ms$/) });
    expect(progress.map((p) => p.progress)).toEqual(
      [...progress.map((p) => p.progress)].sort((a, b) => a - b),
    );
  });

  it('lets in-flight calls finish when the server is invalidated, serving new calls on a new process', async () => {
    const sleeping = kit.pool.request(target, 'tools/call', call('sleep', { ms: 300 }), {
      operation: 'call',
    });
    await sleep(50);
    await Promise.all([
      kit.pool.invalidateServer(server.id),
      kit.pool.request(target, 'tools/call', call('echo', { message: 'new' }), { operation: 'call' }),
    ]);
    expect(firstText(await sleeping)).toBe('slept 300 ms');
    expect(kit.pool.stats()).toMatchObject({ connections: 1, processes: 1, spawns: 2 });
  });

  it('warns about a call that used more than slowCallWarnRatio of its budget', async () => {
    kit.logs.length = 0;
    await kit.pool.request(target, 'tools/call', call('sleep', { ms: 250 }), { operation: 'call' });
    const warning = kit.logs.find((line) => line.message === 'slow upstream request');
    expect(warning).toMatchObject({
      level: 'warn',
      fields: { server: 'slow', method: 'tools/call', budget_ms: 400 },
    });
  });
});
