import { AUDIT_BATCH_JOB, AUDIT_QUEUE, type AuditBatch, type AuditEvent } from '@bastion/contracts';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { closeWithin } from '../close-within';
import type { AuditBatchSink } from './audit-batch.sink';
import { AUDIT_JOB_OPTIONS, auditKeys } from './audit-queue';

/** Options of {@link BullMqAuditSink}. */
export interface BullMqAuditSinkOptions {
  /** Bastion's key prefix (`BASTION_REDIS_PREFIX`). */
  prefix: string;
  /** How long one add may take before it counts as failed (default 5 s). */
  sendTimeoutMs?: number;
  /** How long a send waits for a connection that is (re)connecting (default 1 s). */
  readyWaitMs?: number;
}

/**
 * Adds each batch as one job on {@link AUDIT_QUEUE}, with the first event's id as job id: BullMQ
 * ignores an add whose id it already holds, so a batch re-sent after a lost reply is not queued twice.
 *
 * The connection belongs to the caller (BullMQ never closes a connection it is given); it should
 * connect by itself and fail fast, as `createRedis` connections do (not `lazyConnect`). A send fails
 * fast while it is down instead of queueing commands, so the publisher keeps the events in its own
 * bounded buffer. BullMQ's Queue never recovers from a failed start (its version check ran while
 * Redis was away), so such a Queue is replaced by a new one.
 */
export class BullMqAuditSink implements AuditBatchSink {
  readonly kind = 'bullmq';
  private queue: Queue | undefined;
  private queueBroken = false;
  private readonly sendTimeoutMs: number;
  private readonly readyWaitMs: number;

  constructor(
    private readonly connection: Redis,
    private readonly options: BullMqAuditSinkOptions,
  ) {
    this.sendTimeoutMs = options.sendTimeoutMs ?? 5_000;
    this.readyWaitMs = options.readyWaitMs ?? 1_000;
  }

  async send(events: readonly AuditEvent[]): Promise<void> {
    const first = events[0];
    if (!first) return;
    if (this.connection.status !== 'ready') await connectionReady(this.connection, this.readyWaitMs);
    const batch: AuditBatch = { events: [...events] };
    await withTimeout(
      this.openQueue().add(AUDIT_BATCH_JOB, batch, { jobId: first.id }),
      this.sendTimeoutMs,
      'adding an audit batch',
    );
  }

  async close(): Promise<void> {
    const queue = this.queue;
    this.queue = undefined;
    if (queue) await closeWithin(queue.close());
  }

  private openQueue(): Queue {
    if (this.queue && !this.queueBroken) return this.queue;
    void this.queue?.close().catch(() => undefined);
    const queue = new Queue(AUDIT_QUEUE, {
      connection: this.connection,
      prefix: auditKeys(this.options.prefix).bullPrefix,
      defaultJobOptions: AUDIT_JOB_OPTIONS,
    });
    queue.on('error', () => undefined); // add() rejects with the same error; the publisher reports it
    this.queueBroken = false;
    queue.waitUntilReady().catch(() => {
      if (this.queue === queue) this.queueBroken = true;
    });
    this.queue = queue;
    return queue;
  }
}

/** Waits a little for a (re)connecting connection; rejects at once for a closed one. */
async function connectionReady(connection: Redis, ms: number): Promise<void> {
  if (connection.status === 'end') throw new Error('the audit Redis connection is closed');
  let onReady: (() => void) | undefined;
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
    connection.once('ready', resolve);
  });
  try {
    await withTimeout(ready, ms, 'connecting to Redis');
  } finally {
    if (onReady) connection.removeListener('ready', onReady);
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
