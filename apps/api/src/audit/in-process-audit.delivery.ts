import { InProcessAuditChannel } from '@bastion/bus';
import type { Logger } from 'winston';
import { RETENTION_EVERY_MS, type AuditDelivery } from './audit-delivery';
import type { AuditIngestService } from './audit-ingest.service';
import type { AuditRetentionService } from './audit-retention.service';

/** What {@link InProcessAuditDelivery} needs. */
export interface InProcessAuditDeliveryOptions {
  prefix: string;
  ingest: AuditIngestService;
  retention: AuditRetentionService;
  logger: Logger;
}

/** First retention pass after start, once start-up work has settled. */
const FIRST_RETENTION_DELAY_MS = 10_000;

/**
 * Without REDIS_URL (first look) there is no BullMQ: the Redis stand-in cannot run its Lua scripts.
 * Batches then come over the process-wide {@link InProcessAuditChannel} from a proxy in the same
 * process (`npm start`), stored exactly as BullMQ jobs are; a failure is returned to the sender,
 * which keeps the batch and retries. Retention runs on a timer.
 */
export class InProcessAuditDelivery implements AuditDelivery {
  readonly kind = 'in-process';
  private stopConsuming: (() => void) | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private current: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: InProcessAuditDeliveryOptions) {}

  start(): void {
    const channel = InProcessAuditChannel.for(this.options.prefix);
    this.stopConsuming = channel.consume(async (events, batchId) => {
      const work = this.options.ingest.ingest({ events }, batchId);
      this.current = work.catch(() => undefined);
      await work;
    });
    const first = setTimeout(() => void this.purge(), FIRST_RETENTION_DELAY_MS);
    const hourly = setInterval(() => void this.purge(), RETENTION_EVERY_MS);
    first.unref();
    hourly.unref();
    this.timers.push(first, hourly);
  }

  async stop(): Promise<void> {
    this.stopConsuming?.();
    for (const timer of this.timers.splice(0)) clearTimeout(timer);
    await this.current;
  }

  /** Batches are handed over synchronously: nothing ever waits. */
  queueDepth(): Promise<number> {
    return Promise.resolve(0);
  }

  private async purge(): Promise<void> {
    try {
      await this.options.retention.purge();
    } catch (error) {
      this.options.logger.warn('audit retention failed; will retry within the hour', { error });
    }
  }
}
