import { TEST_REDIS_URL, startRedisServer, uniqueSuffix } from '@bastion/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { CLOSE_TIMEOUT_MS } from '../close-within';
import { JobQueues } from './job-queues';
import type { JobLog } from './job-queue.types';

const silent: JobLog = () => undefined;

async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each([
  ['bullmq', TEST_REDIS_URL],
  ['in-process', undefined],
] as const)('%s job queues', (mode, url) => {
  const prefix = `test:${uniqueSuffix()}:`;
  const producerSide = new JobQueues({ url, prefix, connectionName: 'jobs-spec-producer', log: silent });
  const consumerSide = new JobQueues({ url, prefix, connectionName: 'jobs-spec-consumer', log: silent });

  afterAll(async () => {
    await producerSide.close();
    await consumerSide.close();
    if (!url) return;
    const redis = new Redis(url);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it(`runs in ${mode} mode`, () => {
    expect(producerSide.mode).toBe(mode);
  });

  it('delivers each job once to the consumer of its queue, with its id', async () => {
    const seen: Array<[unknown, string]> = [];
    const consumer = consumerSide.consume('deliveries', (payload, jobId) => {
      seen.push([payload, jobId]);
      return Promise.resolve();
    });
    const producer = producerSide.producer<{ n: number }>('deliveries');
    await producer.add('job-1', { n: 1 });
    await producer.add('job-2', { n: 2 });
    await eventually(() => seen.length === 2);
    expect(seen).toEqual([
      [{ n: 1 }, 'job-1'],
      [{ n: 2 }, 'job-2'],
    ]);
    await consumer.close();
  });

  it('retries a job whose handler throws', async () => {
    let attempts = 0;
    const consumer = consumerSide.consume('retries', () => {
      attempts += 1;
      return attempts < 2 ? Promise.reject(new Error('not yet')) : Promise.resolve();
    });
    await producerSide.producer('retries').add('job-r', {});
    await eventually(() => attempts === 2, 8_000);
    await consumer.close();
  });

  it('keeps jobs added before the consumer starts', async () => {
    await producerSide.producer('early').add('job-e', { early: true });
    const seen: unknown[] = [];
    const consumer = consumerSide.consume('early', (payload) => {
      seen.push(payload);
      return Promise.resolve();
    });
    await eventually(() => seen.length === 1);
    expect(seen).toEqual([{ early: true }]);
    await consumer.close();
  });
});

describe('bullmq producer', () => {
  it('rejects at once when Redis cannot be reached', async () => {
    const queues = new JobQueues({
      url: 'redis://127.0.0.1:1',
      prefix: `test:${uniqueSuffix()}:`,
      connectionName: 'jobs-spec-down',
      log: silent,
    });
    const started = Date.now();
    await expect(queues.producer('down').add('x', {})).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
    await queues.close();
  });
});

describe('bullmq consumers and queues losing Redis', () => {
  // A BullMQ close waits for its connection; with Redis gone (or between reconnects) it never comes.
  it('close within the close timeout while Redis is down', async () => {
    const redisServer = await startRedisServer();
    const queues = new JobQueues({
      url: redisServer.url,
      prefix: `test:${uniqueSuffix()}:`,
      connectionName: 'jobs-spec-outage',
      log: silent,
    });
    try {
      const seen: unknown[] = [];
      const first = queues.consume('outage-a', (payload) => Promise.resolve(void seen.push(payload)));
      queues.consume('outage-b', () => Promise.resolve());
      await queues.producer('outage-a').add('job-1', { n: 1 });
      await eventually(() => seen.length === 1); // the workers are connected and working
      await redisServer.stop();

      let started = Date.now();
      await first.close();
      expect(Date.now() - started).toBeLessThan(CLOSE_TIMEOUT_MS + 2_000);
      started = Date.now();
      await queues.close();
      expect(Date.now() - started).toBeLessThan(2 * CLOSE_TIMEOUT_MS + 2_000);
    } finally {
      await redisServer.stop();
    }
  }, 30_000);
});
