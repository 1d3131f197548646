// The BullMQ sink on private redis-server processes: one job per batch named by its first event,
// a re-sent batch is not queued twice, sends fail fast while Redis is down, and the sink works again
// when Redis comes back, even when the sink was created during the outage.
import { AUDIT_QUEUE, type AuditEvent } from '@bastion/contracts';
import { startRedisServer, uniqueSuffix, type RedisServerProcess } from '@bastion/testing';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../redis.factory';
import { auditKeys } from './audit-queue';
import { BullMqAuditSink } from './bullmq-audit.sink';

const batch = (size: number): AuditEvent[] =>
  Array.from({ length: size }, () => ({ id: randomUUID(), time: new Date().toISOString(), type: 'request' }));

describe(BullMqAuditSink.name, () => {
  let server: RedisServerProcess;
  const prefix = `test:${uniqueSuffix()}:`;
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await server?.stop();
  });

  const open = () => {
    const connection = createRedis({ url: server.url, connectionName: 'audit-sink-spec' });
    const sink = new BullMqAuditSink(connection, { prefix, sendTimeoutMs: 2_000, readyWaitMs: 300 });
    const reader = new Queue(AUDIT_QUEUE, {
      connection: { url: server.url },
      prefix: auditKeys(prefix).bullPrefix,
    });
    reader.on('error', () => undefined); // the reader may start during an outage, like the sink
    cleanups.push(async () => {
      await sink.close();
      await reader.close();
      connection.disconnect();
    });
    return { sink, reader };
  };

  it('adds one job per batch, named by its first event, and ignores the same batch sent again', async () => {
    const { sink, reader } = open();
    const events = batch(3);
    await sink.send(events);
    await sink.send(events);
    const job = await reader.getJob(events[0].id);
    expect(job?.name).toBe('batch');
    expect(job?.data).toEqual({ events });
    expect(await reader.getJobCountByTypes('waiting')).toBe(1);
  });

  it('fails fast while Redis is down and works again once it is back, even when created during the outage', async () => {
    await server.stop();
    const { sink, reader } = open();
    const started = Date.now();
    await expect(sink.send(batch(1))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
    await server.start();
    const events = batch(2);
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await sink.send(events);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    expect((await reader.getJob(events[0].id))?.data).toEqual({ events });
  });
});
