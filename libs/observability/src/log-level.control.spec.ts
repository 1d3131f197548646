import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { LogLevelControl, followLogLevel, type LogLevelFeed } from './log-level.control';
import { createAppLogger } from './logger.factory';

const newLogger = (level: 'debug' | 'info' | 'warn' | 'error' = 'info') =>
  createAppLogger({
    service: 'proxy',
    level,
    streams: { stdout: new PassThrough(), stderr: new PassThrough() },
  });

/** A feed like the proxy's: a stored value, a channel the test publishes on, reconnections it triggers. */
function fakeFeed(initial: string | null | Error) {
  const listeners: Array<(message: string) => void> = [];
  const reconnects: Array<() => void> = [];
  const state = { stored: initial, reads: 0 };
  const feed: LogLevelFeed = {
    read: () => {
      state.reads += 1;
      return state.stored instanceof Error ? Promise.reject(state.stored) : Promise.resolve(state.stored);
    },
    listen: (listener) => {
      listeners.push(listener);
      return Promise.resolve();
    },
    onReconnect: (listener) => reconnects.push(listener),
  };
  return {
    feed,
    state,
    publish: (message: string) => listeners.forEach((listener) => listener(message)),
    reconnect: () => reconnects.forEach((listener) => listener()),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe(LogLevelControl.name, () => {
  it('changes the level of its loggers and their children at once', () => {
    const a = newLogger();
    const b = newLogger();
    const child = a.child({ request_id: 'r' });
    const control = new LogLevelControl([a, b]);
    expect(control.level).toBe('info');
    expect(child.isLevelEnabled('debug')).toBe(false);
    expect(control.set('debug')).toBe(true);
    expect([a.level, b.level]).toEqual(['debug', 'debug']);
    expect(child.isLevelEnabled('debug')).toBe(true);
    expect(control.set('debug')).toBe(false);
    control.set('error');
    expect(child.isLevelEnabled('warn')).toBe(false);
  });

  it('tells listeners about changes', () => {
    const control = new LogLevelControl(newLogger('warn'));
    const seen: string[] = [];
    const stop = control.onChange((level, previous) => seen.push(`${previous}→${level}`));
    control.set('debug');
    stop();
    control.set('info');
    expect(seen).toEqual(['warn→debug']);
  });
});

describe(followLogLevel.name, () => {
  it('applies the stored level at boot, then changes for its kind of process or for all', async () => {
    const logger = newLogger();
    const control = new LogLevelControl(logger);
    const { feed, publish } = fakeFeed('warn');
    await followLogLevel(control, 'proxy', feed, logger);
    expect(control.level).toBe('warn');
    publish(JSON.stringify({ level: 'debug', target: 'proxy' }));
    expect(logger.level).toBe('debug');
    publish(JSON.stringify({ level: 'error', target: 'api' }));
    expect(logger.level).toBe('debug');
    publish(JSON.stringify({ level: 'info', target: 'all' }));
    expect(logger.level).toBe('info');
  });

  it('ignores malformed changes and stored values', async () => {
    const logger = newLogger();
    const control = new LogLevelControl(logger);
    const { feed, publish } = fakeFeed('verbose');
    await followLogLevel(control, 'proxy', feed, logger);
    for (const message of ['nope', '{"level":"trace","target":"proxy"}', '{"level":"debug"}', 'null'])
      publish(message);
    expect(control.level).toBe('info');
  });

  it('keeps LOG_LEVEL when nothing is stored or the store is unreachable, and never rejects', async () => {
    for (const stored of [null, new Error('Redis down')]) {
      const logger = newLogger('warn');
      const control = new LogLevelControl(logger);
      const { feed, publish } = fakeFeed(stored);
      await expect(followLogLevel(control, 'proxy', feed, logger)).resolves.toBeUndefined();
      expect(control.level).toBe('warn');
      publish(JSON.stringify({ level: 'debug', target: 'all' }));
      expect(control.level).toBe('debug');
    }
  });

  it('retries a failed read while the connection comes up', async () => {
    vi.useFakeTimers();
    try {
      const logger = newLogger();
      const control = new LogLevelControl(logger);
      const { feed, state } = fakeFeed(new Error('not connected yet'));
      await followLogLevel(control, 'proxy', feed, logger);
      state.stored = 'debug';
      await vi.advanceTimersByTimeAsync(250);
      expect(control.level).toBe('debug');
      expect(state.reads).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads the stored level again after a reconnection (changes missed during an outage)', async () => {
    const logger = newLogger();
    const control = new LogLevelControl(logger);
    const { feed, state, reconnect } = fakeFeed(null);
    await followLogLevel(control, 'proxy', feed, logger);
    state.stored = 'warn';
    reconnect();
    await settle();
    expect(control.level).toBe('warn');
  });
});
