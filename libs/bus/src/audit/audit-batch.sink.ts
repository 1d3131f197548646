import type { AuditEvent } from '@bastion/contracts';

/**
 * Where an {@link AuditPublisher} delivers its batches: BullMQ on Redis, or the in-process channel
 * when there is no Redis (first look). One batch at a time; the same batch may be sent again after a
 * failure, with the same first event (whose id is the batch's id), so a sink must be idempotent per
 * first id.
 */
export interface AuditBatchSink {
  /** `bullmq` or `in-process`. */
  readonly kind: 'bullmq' | 'in-process';
  /** Resolves once the batch is safely handed over; rejects (soon) when it cannot be. */
  send(events: readonly AuditEvent[]): Promise<void>;
  /** Releases what the sink opened (never the connection it was given). */
  close(): Promise<void>;
}
