/**
 * A crashing stdio server (`crash` fixture): requests in flight fail at once with `unavailable`,
 * requests during the restart backoff fail fast naming the retry time, and the next request after
 * the backoff gets a new process. Backoff doubles on repeated crashes.
 */
import { MCP_ERRORS } from '@bastion/contracts';
import { fixtureServerEntry } from '@bastion/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { UpstreamError } from './upstream.error';
import { call, createPoolKit, firstText, projectId, sleep } from './test/pool.kit';

describe('UpstreamPool with a crashing stdio server', () => {
  const kit = createPoolKit({ restartBackoff: { initialMs: 300, maxMs: 30_000 } });
  const target = { projectId: projectId(), server: fixtureServerEntry('crash') };
  const pid = async () =>
    firstText(await kit.pool.request(target, 'tools/call', call('pid'), { operation: 'call' }));
  afterAll(() => kit.pool.close());

  it('fails every in-flight request at once, backs off, then restarts', async () => {
    const firstPid = await pid();
    const inFlight = kit.pool.request(target, 'tools/call', call('crash', { delayMs: 100 }), {
      operation: 'call',
    });
    const bystander = kit.pool.request(target, 'tools/call', call('crash', { delayMs: 5_000 }), {
      operation: 'call',
    });
    const started = Date.now();
    await expect(inFlight).rejects.toMatchObject({
      failure: 'unavailable',
      code: MCP_ERRORS.upstreamUnavailable.code,
    });
    await expect(inFlight).rejects.toThrow(/server "crash" exited/);
    await expect(bystander).rejects.toMatchObject({ failure: 'unavailable' });
    expect(Date.now() - started).toBeLessThan(2_000);

    const during = kit.pool.request(target, 'tools/call', call('pid'), { operation: 'call' });
    await expect(during).rejects.toThrow(/next attempt is allowed in \d+ ms/);
    const error = (await during.catch((e: unknown) => e)) as UpstreamError;
    expect(error.data).toMatchObject({ retryAfterMs: expect.any(Number) });

    await sleep(350);
    const secondPid = await pid();
    expect(secondPid).not.toBe(firstPid);
    expect(kit.pool.stats()).toMatchObject({ spawns: 2, restarts: 1, processes: 1 });
  });

  it('doubles the backoff when the server crashes again soon after a restart', async () => {
    await expect(
      kit.pool.request(target, 'tools/call', call('crash'), { operation: 'call' }),
    ).rejects.toMatchObject({ failure: 'unavailable' });
    const error = (await kit.pool
      .request(target, 'tools/list', undefined, { operation: 'discovery' })
      .catch((e: unknown) => e)) as UpstreamError;
    expect((error.data as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(300);
    await sleep(650);
    expect(await pid()).toMatch(/^\d+$/);
    expect(kit.pool.stats()).toMatchObject({ spawns: 3, restarts: 2 });
    const warnings = kit.logs.filter((line) => line.message === 'upstream connection failed');
    expect(warnings.map((line) => line.fields?.['retry_in_ms'])).toEqual([300, 600]);
  });

  it('forgets the backoff when the server is reconfigured', async () => {
    await expect(
      kit.pool.request(target, 'tools/call', call('crash'), { operation: 'call' }),
    ).rejects.toMatchObject({ failure: 'unavailable' });
    await kit.pool.invalidateServer(target.server.id);
    expect(await pid()).toMatch(/^\d+$/);
  });
});
