// A worker asked to stop while Redis is gone (a rolling restart during an outage) must still stop:
// its BullMQ consumers would otherwise wait for a connection that does not come.
import { busKeys, CLOSE_TIMEOUT_MS, createRedis, SnapshotStore, whenRedisReady } from '@bastion/bus';
import { loadConfig } from '@bastion/config';
import { emptySnapshot } from '@bastion/contracts';
import { generateMasterKey } from '@bastion/crypto';
import { createAppLogger } from '@bastion/observability';
import { startRedisServer, uniqueSuffix, type RedisServerProcess } from '@bastion/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createProxyRuntime, type ProxyRuntime } from '../src/proxy.runtime';

describe('proxy worker shutdown', () => {
  let redisServer: RedisServerProcess;
  let worker: ProxyRuntime | undefined;

  beforeAll(async () => {
    redisServer = await startRedisServer();
    const prefix = `test:${uniqueSuffix()}:`;
    const writer = createRedis({ url: redisServer.url, connectionName: 'shutdown-spec' });
    await whenRedisReady(writer, 5_000);
    await new SnapshotStore(writer, busKeys(prefix)).save({ ...emptySnapshot(), version: 1 }, [
      { version: 1, op: 'reset' },
    ]);
    writer.disconnect();
    const config = loadConfig({
      REDIS_URL: redisServer.url,
      BASTION_REDIS_PREFIX: prefix,
      BASTION_MASTER_KEY: generateMasterKey(),
      LOG_LEVEL: 'error',
    });
    worker = createProxyRuntime(
      config,
      config.security.masterKey!,
      createAppLogger({ service: 'proxy', level: 'error' }),
    );
    await worker.listen(0);
    await worker.sync.whenReady();
  });
  afterAll(async () => {
    await worker?.close();
    await redisServer?.stop();
  });

  it('stops within the close timeout while Redis is down', async () => {
    await redisServer.stop();
    await vi.waitFor(() => expect(worker!.sync.health().redis).toBe('down'), { timeout: 5_000 });
    const closing = worker!;
    worker = undefined;
    const started = Date.now();
    await closing.close();
    expect(Date.now() - started).toBeLessThan(CLOSE_TIMEOUT_MS);
  });
});
