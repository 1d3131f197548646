import { AUDIT_JOB_OPTIONS, auditKeys, closeWithin, closeWorker, createRedis } from '@bastion/bus';
import { AUDIT_BATCH_JOB, AUDIT_QUEUE } from '@bastion/contracts';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'winston';
import type { AuditIngestService } from './audit-ingest.service';
import type { AuditRetentionService } from './audit-retention.service';
import { RETENTION_EVERY_MS, RETENTION_JOB, withinTimeout, type AuditDelivery } from './audit-delivery';

/** What {@link BullMqAuditDelivery} needs. */
export interface BullMqAuditDeliveryOptions {
  url: string;
  /** Bastion's key prefix. */
  prefix: string;
  ingest: AuditIngestService;
  retention: AuditRetentionService;
  logger: Logger;
  /** Batches stored at once (each is one multi-row INSERT). */
  concurrency?: number;
}

/**
 * The api's BullMQ worker on the audit queue: `batch` jobs are stored (idempotently, so BullMQ's
 * retries and re-sent batches are harmless), `retention` jobs purge old events. Retention is a job
 * scheduler on the same queue, so with several api instances it runs once per hour, not once per
 * instance; it is (re)declared whenever the queue connection becomes ready, as a Redis that
 * restarted empty has forgotten it. This class owns its two connections: a blocking one for the
 * worker (`maxRetriesPerRequest: null`, as BullMQ requires) and a fail-fast one for the queue.
 */
export class BullMqAuditDelivery implements AuditDelivery {
  readonly kind = 'bullmq';
  private worker: Worker | undefined;
  private workerConnection: Redis | undefined;
  private queue: Queue | undefined;
  private readonly connections: Redis[] = [];
  private workerFailing = false;

  constructor(private readonly options: BullMqAuditDeliveryOptions) {}

  start(): void {
    const { url, prefix, logger } = this.options;
    const bullPrefix = auditKeys(prefix).bullPrefix;
    const workerConnection = new Redis(url, {
      connectionName: 'bastion-api-audit-worker',
      maxRetriesPerRequest: null,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    workerConnection.on('error', () => undefined); // reported once per outage through the worker
    const queueConnection = createRedis({ url, connectionName: 'bastion-api-audit-queue' });
    this.connections.push(workerConnection, queueConnection);
    this.workerConnection = workerConnection;

    this.worker = new Worker(AUDIT_QUEUE, (job) => this.process(job), {
      connection: workerConnection,
      prefix: bullPrefix,
      concurrency: this.options.concurrency ?? 2,
    });
    this.worker.on('error', (error) => {
      if (!this.workerFailing) logger.warn('audit queue worker lost Redis; retrying', { error });
      this.workerFailing = true;
    });
    this.worker.on('ready', () => (this.workerFailing = false));
    this.worker.on('failed', (job, error) => this.reportFailure(job, error));

    this.queue = new Queue(AUDIT_QUEUE, {
      connection: queueConnection,
      prefix: bullPrefix,
      defaultJobOptions: AUDIT_JOB_OPTIONS,
    });
    this.queue.on('error', () => undefined); // scheduling reports its own failures
    queueConnection.on('ready', () => void this.scheduleRetention());
  }

  async stop(): Promise<void> {
    if (this.worker && this.workerConnection) await closeWorker(this.worker, this.workerConnection);
    if (this.queue) await closeWithin(this.queue.close());
    for (const connection of this.connections.splice(0)) connection.disconnect();
  }

  /** Waiting + active jobs, read from Redis on the queue's fail-fast connection. */
  async queueDepth(timeoutMs: number): Promise<number> {
    const queue = this.queue;
    if (!queue) throw new Error('audit queue not started');
    const counts = await withinTimeout(queue.getJobCounts('waiting', 'active'), timeoutMs, 'audit queue');
    return (counts['waiting'] ?? 0) + (counts['active'] ?? 0);
  }

  /** Declares (or removes, when retention is off) the hourly retention job; idempotent. */
  async scheduleRetention(): Promise<void> {
    const queue = this.queue;
    if (!queue) return;
    try {
      if (this.options.retention.retentionDays === 0) {
        await queue.removeJobScheduler(RETENTION_JOB);
        return;
      }
      await queue.upsertJobScheduler(
        RETENTION_JOB,
        { every: RETENTION_EVERY_MS },
        { name: RETENTION_JOB, opts: { attempts: 1, removeOnComplete: true, removeOnFail: { count: 10 } } },
      );
    } catch (error) {
      this.options.logger.warn('audit retention cannot be scheduled yet; will retry on reconnect', { error });
    }
  }

  private async process(job: Job): Promise<number> {
    switch (job.name) {
      case AUDIT_BATCH_JOB:
        return this.options.ingest.ingest(job.data, job.id ?? '');
      case RETENTION_JOB:
        return this.options.retention.purge();
      default:
        throw new UnrecoverableError(`unknown audit job "${job.name}"`);
    }
  }

  private reportFailure(job: Job | undefined, error: Error): void {
    const final = job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1);
    this.options.logger.log(
      final ? 'error' : 'warn',
      final ? 'audit job failed for good' : 'audit job failed; will retry',
      {
        job_id: job?.id,
        job_name: job?.name,
        attempts: job?.attemptsMade,
        error,
      },
    );
  }
}
