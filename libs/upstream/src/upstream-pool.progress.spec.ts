/**
 * Progress over stdio against the `slow` fixture: every notification the server sends before its
 * result reaches onProgress, including the last ones, which usually arrive in the same chunk as the
 * result (the SDK's own onprogress lost those: it handles the response first).
 */
import { fixtureServerEntry } from '@bastion/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { call, createPoolKit, firstText, projectId } from './test/pool.kit';

type Progress = { progress: number; total?: number; message?: string };

describe('UpstreamPool progress', () => {
  const kit = createPoolKit();
  const target = { projectId: projectId(), server: fixtureServerEntry('slow') };
  afterAll(() => kit.pool.close());

  it('delivers all N progress notifications written back to back with the result, in order', async () => {
    for (const count of [1, 3, 50]) {
      const progress: Progress[] = [];
      const result = await kit.pool.request(target, 'tools/call', call('burst', { count }), {
        operation: 'call',
        onProgress: (update) => progress.push(update),
      });
      expect(firstText(result)).toBe(`sent ${count}`);
      const expected = Array.from({ length: count }, (_, index) => ({ progress: index + 1, total: count }));
      expect(progress).toEqual(expected);
    }
  });

  it('delivers the final progress of a long call (progress = total) before the result', async () => {
    const progress: Progress[] = [];
    let progressAtResult = -1;
    const result = await kit.pool
      .request(target, 'tools/call', call('sleep', { ms: 350 }), {
        operation: 'call',
        onProgress: (update) => progress.push(update),
      })
      .then((value) => ((progressAtResult = progress.length), value));
    expect(firstText(result)).toBe('slept 350 ms');
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progressAtResult).toBe(progress.length);
    expect(progress.at(-1)).toEqual({ progress: 350, total: 350, message: 'slept 350 ms' });
  });

  it('replaces a progressToken already in _meta with its own', async () => {
    const progress: Progress[] = [];
    const params = { ...call('burst', { count: 2 }), _meta: { progressToken: 'client-token', trace: 'x' } };
    await kit.pool.request(target, 'tools/call', params, {
      operation: 'call',
      onProgress: (update) => progress.push(update),
    });
    expect(progress).toHaveLength(2);
    // Without onProgress the caller's token goes upstream untouched; nothing is dispatched.
    const untouched = await kit.pool.request(target, 'tools/call', params, { operation: 'call' });
    expect(firstText(untouched)).toBe('sent 2');
  });
});
