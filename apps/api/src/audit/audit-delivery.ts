/** How audit batches reach this api: a BullMQ worker, or the in-process channel (first look). */
export interface AuditDelivery {
  /** `bullmq` or `in-process`. */
  readonly kind: 'bullmq' | 'in-process';
  /** Starts consuming (returns at once; an unreachable Redis is retried in the background). */
  start(): void;
  /** Stops consuming, waiting for the batch in progress. */
  stop(): Promise<void>;
}

export const AUDIT_DELIVERY = Symbol('AuditDelivery');

/** Name of the repeatable retention job on the audit queue, and of its scheduler. */
export const RETENTION_JOB = 'retention';
/** How often retention runs. */
export const RETENTION_EVERY_MS = 3_600_000;
