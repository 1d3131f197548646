import { describe, expect, it } from 'vitest';
import { RestartBackoff, STABLE_CONNECTION_MS } from './restart-backoff.policy';

describe(RestartBackoff.name, () => {
  it('doubles from initialMs up to maxMs', () => {
    const backoff = new RestartBackoff({ initialMs: 250, maxMs: 2_000 });
    const delays = Array.from({ length: 6 }, () => backoff.recordFailure('k', 0));
    expect(delays).toEqual([250, 500, 1_000, 2_000, 2_000, 2_000]);
  });

  it('blocks attempts until the retry time, then allows them', () => {
    const backoff = new RestartBackoff();
    backoff.recordFailure('k', 1_000);
    expect(backoff.retryAt('k', 1_100)).toBe(1_250);
    expect(backoff.retryAt('k', 1_250)).toBeUndefined();
    expect(backoff.retryAt('other', 1_100)).toBeUndefined();
  });

  it('starts over after a connection that was stable, and counts one restart per failure', () => {
    const backoff = new RestartBackoff();
    backoff.recordFailure('k', 0);
    backoff.recordFailure('k', 0);
    expect(backoff.noteConnected('k')).toBe(true);
    expect(backoff.noteConnected('k')).toBe(false);
    expect(backoff.recordFailure('k', 0, STABLE_CONNECTION_MS)).toBe(250);
  });

  it('forgets and prunes records', () => {
    const backoff = new RestartBackoff();
    backoff.recordFailure('p:s1', 0);
    backoff.recordFailure('p:s2', 0);
    backoff.forget((key) => key.endsWith(':s1'));
    expect(backoff.retryAt('p:s1', 0)).toBeUndefined();
    expect(backoff.retryAt('p:s2', 0)).toBe(250);
    backoff.prune(10 * 60_000 + 1_000);
    expect(backoff.noteConnected('p:s2')).toBe(false);
  });
});
