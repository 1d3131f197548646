import type { Redis } from 'ioredis';
import RedisMock from 'ioredis-mock';
import type { AuditBatchSink } from './audit-batch.sink';
import { BullMqAuditSink } from './bullmq-audit.sink';
import { InProcessAuditSink } from './in-process-audit.channel';

/** True for the in-process Redis stand-in `createRedis` returns without a URL. */
export function isRedisStandIn(connection: Redis): boolean {
  return connection instanceof RedisMock;
}

/**
 * The sink for a connection made by `createRedis`: BullMQ on a real Redis, the in-process channel
 * on the stand-in (which cannot run BullMQ's Lua scripts).
 */
export function createAuditSink(connection: Redis, prefix: string): AuditBatchSink {
  return isRedisStandIn(connection)
    ? new InProcessAuditSink(prefix)
    : new BullMqAuditSink(connection, { prefix });
}
