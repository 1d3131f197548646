/** Response size limit (`huge` fixture) and forwarding of upstream notifications (`changing` fixture). */
import { MCP_ERRORS } from '@bastion/contracts';
import { fixtureServerEntry } from '@bastion/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { call, createPoolKit, firstText, projectId, waitFor } from './test/pool.kit';

describe('UpstreamPool response size limit', () => {
  const kit = createPoolKit({ maxResponseBytes: 64 * 1024 });
  const target = { projectId: projectId(), server: fixtureServerEntry('huge') };
  afterAll(() => kit.pool.close());

  it('passes a result under the limit and fails one over it with too-large', async () => {
    const fits = await kit.pool.request(target, 'tools/call', call('huge', { bytes: 60 * 1024 }), {
      operation: 'call',
    });
    expect(firstText(fits)).toHaveLength(60 * 1024);
    const failure = kit.pool.request(target, 'tools/call', call('huge', { bytes: 70 * 1024 }), {
      operation: 'call',
    });
    await expect(failure).rejects.toMatchObject({
      failure: 'too-large',
      code: MCP_ERRORS.upstreamResponseTooLarge.code,
      data: { limitBytes: 64 * 1024 },
    });
    await expect(failure).rejects.toThrow('server "huge" answered tools/call with more than 65536 bytes');
    // The connection survives an oversized answer.
    await kit.pool.request(target, 'tools/call', call('huge', { bytes: 10 }), { operation: 'call' });
    expect(kit.pool.stats()).toMatchObject({ spawns: 1, connections: 1 });
  });
});

describe('UpstreamPool notifications', () => {
  const kit = createPoolKit();
  const server = fixtureServerEntry('changing', { env: { CHANGE_AFTER: kit.seal('2') } });
  const target = { projectId: projectId(), server };
  afterAll(() => kit.pool.close());

  it('forwards list_changed and logging notifications with their target', async () => {
    const tools = async () =>
      (
        (await kit.pool.request(target, 'tools/list', undefined, { operation: 'discovery' }))['tools'] as {
          name: string;
        }[]
      ).map((tool) => tool.name);
    expect(await tools()).toEqual(['tick']);
    await kit.pool.request(target, 'tools/call', call('tick'), { operation: 'call' });
    expect(await tools()).toEqual(['tick']);
    await kit.pool.request(target, 'tools/call', call('tick'), { operation: 'call' });
    await waitFor(() => kit.notifications.some((n) => n.method === 'notifications/tools/list_changed'));
    expect(await tools()).toEqual(['tick', 'extra_1']);
    const listChanged = kit.notifications.find((n) => n.method === 'notifications/tools/list_changed');
    expect(listChanged?.target).toEqual({ projectId: target.projectId, server });
    const messages = kit.notifications.filter((n) => n.method === 'notifications/message');
    expect(messages.map((n) => n.params?.['data'])).toEqual(['tick 1', 'tick 2']);
    const result = await kit.pool.request(target, 'tools/call', call('extra_1'), { operation: 'call' });
    expect(firstText(result)).toBe('extra 1');
  });
});
