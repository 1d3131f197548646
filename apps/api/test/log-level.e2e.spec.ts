// Runtime log levels and the api's request logging, over real HTTP and Redis: GET/PUT
// /api/v1/system/log-level changes the api at once, stores and publishes the workers' level (a running
// proxy worker applies it, one started later reads it at boot), and every request gets an X-Request-Id
// and one access line in LOG_FILE.
import { busKeys } from '@bastion/bus';
import { LogLevelControl, createAppLogger, followLogLevel } from '@bastion/observability';
import { TEST_REDIS_URL } from '@bastion/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './api-harness';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'bastion-log-level-'));
const apiLog = join(dir, 'api.log');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type LogRecord = Record<string, any>;

/** Every record of a log file; each line must be one JSON record. */
function records(file: string): LogRecord[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogRecord);
}

/** Polls a log file until a record matches (access lines are written when the response has finished). */
async function waitForRecord(file: string, match: (record: LogRecord) => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = records(file).find(match);
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`no matching record in ${file}:\n${readFileSync(file, 'utf8')}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

async function waitForAsync(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** A real proxy worker (apps/proxy/src/main.ts) on the api's Redis prefix, logging to its own LOG_FILE. */
function startProxyWorker(name: string, prefix: string, masterKey: string) {
  const logFile = join(dir, `${name}.log`);
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/proxy/src/main.ts'],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        REDIS_URL: TEST_REDIS_URL,
        BASTION_REDIS_PREFIX: prefix,
        BASTION_MASTER_KEY: masterKey,
        BASTION_HOST: '127.0.0.1',
        PROXY_PORT: '0',
        LOG_LEVEL: 'info',
        LOG_FILE: logFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return {
    logFile,
    output: () => output,
    ready: () => waitForRecord(logFile, (r) => r['message'] === 'Bastion proxy listening', 30_000),
    stop: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

describe('runtime log level and request logging', () => {
  const api = useApi({ LOG_FILE: apiLog, LOG_LEVEL: 'info' });
  const workers: Array<ReturnType<typeof startProxyWorker>> = [];
  let subscriber: Redis;
  let redis: Redis;
  const published: string[] = [];

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL);
    subscriber = new Redis(TEST_REDIS_URL);
    subscriber.on('message', (_channel: string, message: string) => published.push(message));
    await subscriber.subscribe(busKeys(api.redisPrefix).logLevelChanges);
  });
  afterAll(() => {
    workers.forEach((worker) => worker.stop());
    subscriber?.disconnect();
    redis?.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the levels; needs an admin key', async () => {
    expect((await api.request('GET', '/api/v1/system/log-level')).body).toEqual({ api: 'info', proxy: null });
    expect((await api.request('GET', '/api/v1/system/log-level', { key: null })).status).toBe(401);
    const put = await api.request('PUT', '/api/v1/system/log-level', {
      key: null,
      body: { level: 'debug', target: 'all' },
    });
    expect(put.status).toBe(401);
  });

  it('refuses unknown levels and targets', async () => {
    for (const body of [
      { level: 'trace' },
      { level: 'debug', target: 'db' },
      { level: 'debug', extra: 1 },
      {},
    ]) {
      const response = await api.request('PUT', '/api/v1/system/log-level', { body });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('writes one access line per request with the request id and key id, never the key', async () => {
    const response = await api.request('GET', '/api/v1/users?email=a%40b.example', {
      headers: { 'x-request-id': 'client-req.42' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('client-req.42');
    const line = await waitForRecord(
      apiLog,
      (r) => r['message'] === 'http request' && r['request_id'] === 'client-req.42',
    );
    expect(line).toMatchObject({
      level: 'info',
      service: 'bastion-api',
      method: 'GET',
      path: '/api/v1/users',
      status_code: 200,
      duration_ms: expect.any(Number),
      key_id: expect.stringMatching(UUID),
    });
    expect(readFileSync(apiLog, 'utf8')).not.toContain(api.adminKey);
    expect(readFileSync(apiLog, 'utf8')).not.toContain(api.adminKey.slice(4, 20));
  });

  it('replaces an unsafe or missing X-Request-Id with a generated one, also on errors', async () => {
    for (const header of ['has spaces in it', 'x'.repeat(65), '{"level":"error"}', undefined]) {
      const response = await api.request('GET', '/api/v1/users/not-a-uuid', {
        headers: header === undefined ? {} : { 'x-request-id': header },
      });
      expect(response.status).toBe(400);
      const id = response.headers.get('x-request-id')!;
      expect(id).toMatch(UUID);
      await waitForRecord(apiLog, (r) => r['request_id'] === id && r['status_code'] === 400);
    }
    const unauthenticated = await api.request('GET', '/api/v1/users', { key: null });
    const id = unauthenticated.headers.get('x-request-id')!;
    const line = await waitForRecord(apiLog, (r) => r['request_id'] === id);
    expect(line).toMatchObject({ status_code: 401 });
    expect(line).not.toHaveProperty('key_id');
  });

  it('applies a level to the api immediately', async () => {
    await api.request('GET', '/healthz', { key: null, headers: { 'x-request-id': 'probe-before' } });
    const put = await api.request('PUT', '/api/v1/system/log-level', {
      body: { level: 'debug', target: 'api' },
      headers: { 'x-request-id': 'set-level-1' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ api: 'debug', proxy: null });
    // Probes log their access line at debug: visible now, not before.
    await api.request('GET', '/healthz', { key: null, headers: { 'x-request-id': 'probe-after' } });
    await waitForRecord(apiLog, (r) => r['request_id'] === 'probe-after' && r['level'] === 'debug');
    expect(records(apiLog).some((r) => r['request_id'] === 'probe-before')).toBe(false);
    // The change is on record, with the request it came from.
    expect(records(apiLog).find((r) => r['message'] === 'log level change')).toMatchObject({
      level: 'warn',
      request_id: 'set-level-1',
      log_level: 'debug',
      target: 'api',
      previous_level: 'info',
    });
    // Only the api: nothing was stored or published for the workers.
    expect(await redis.get(busKeys(api.redisPrefix).logLevel('proxy'))).toBeNull();
    expect(published).toEqual([]);
    expect((await api.request('GET', '/api/v1/system/log-level')).body).toEqual({
      api: 'debug',
      proxy: null,
    });
  });

  it('stores and publishes a level for the workers; a running worker applies it, a later one reads it at boot', async () => {
    const keys = busKeys(api.redisPrefix);
    // In process, through the code path the proxy runtime uses (followLogLevel over the key and channel).
    const workerLogger = createAppLogger({
      service: 'proxy',
      level: 'info',
      streams: { stdout: new PassThrough(), stderr: new PassThrough() },
    });
    const workerSubscriber = new Redis(TEST_REDIS_URL);
    const control = new LogLevelControl(workerLogger);
    await followLogLevel(
      control,
      'proxy',
      {
        read: () => redis.get(keys.logLevel('proxy')),
        listen: async (listener) => {
          workerSubscriber.on('message', (_channel: string, message: string) => listener(message));
          await workerSubscriber.subscribe(keys.logLevelChanges);
        },
      },
      workerLogger,
    );
    // And a real worker process.
    const running = startProxyWorker('proxy-running', api.redisPrefix, api.masterKey);
    workers.push(running);
    await running.ready();
    // Subscribed: this spec, the in-process worker and the worker process.
    await waitForAsync(async () => {
      const [, count] = (await redis.pubsub('NUMSUB', keys.logLevelChanges)) as [string, number];
      return Number(count) === 3;
    }, 'the worker to subscribe');

    try {
      const put = await api.request('PUT', '/api/v1/system/log-level', {
        body: { level: 'warn', target: 'proxy' },
      });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({ api: 'debug', proxy: 'warn' });
      expect(await redis.get(keys.logLevel('proxy'))).toBe('warn');
      await waitFor(() => published.length === 1, 'the published change');
      expect(JSON.parse(published[0])).toEqual({ level: 'warn', target: 'proxy' });
      await waitFor(() => control.level === 'warn', 'the in-process worker to apply the level');

      const putAll = await api.request('PUT', '/api/v1/system/log-level', { body: { level: 'debug' } });
      expect(putAll.body).toEqual({ api: 'debug', proxy: 'debug' });
      await waitFor(() => control.level === 'debug', 'the in-process worker to apply `all`');
      // The running worker noted both changes (each at the more verbose of its old and new level).
      await waitForRecord(
        running.logFile,
        (r) => r['message'] === 'log level changed' && r['log_level'] === 'debug',
      );
      expect(
        records(running.logFile)
          .filter((r) => r['message'] === 'log level changed')
          .map((r) => [r['previous_level'], r['log_level'], r['source']]),
      ).toEqual([
        ['info', 'warn', 'published'],
        ['warn', 'debug', 'published'],
      ]);

      // A worker started now reads the stored level at boot.
      const later = startProxyWorker('proxy-later', api.redisPrefix, api.masterKey);
      workers.push(later);
      await later.ready();
      const boot = await waitForRecord(later.logFile, (r) => r['message'] === 'log level changed');
      expect(boot).toMatchObject({ previous_level: 'info', log_level: 'debug', source: 'stored' });

      const putBack = await api.request('PUT', '/api/v1/system/log-level', {
        body: { level: 'info', target: 'all' },
      });
      expect(putBack.body).toEqual({ api: 'info', proxy: 'info' });
      await waitFor(() => control.level === 'info', 'the in-process worker to go back to info');
    } catch (error) {
      throw new Error(`${(error as Error).message}\nworker output: ${running.output()}`);
    } finally {
      workerSubscriber.disconnect();
    }
  });
});
