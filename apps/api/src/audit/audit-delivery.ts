/** How audit batches reach this api: a BullMQ worker, or the in-process channel (first look). */
export interface AuditDelivery {
  /** `bullmq` or `in-process`. */
  readonly kind: 'bullmq' | 'in-process';
  /** Starts consuming (returns at once; an unreachable Redis is retried in the background). */
  start(): void;
  /** Stops consuming, waiting for the batch in progress. */
  stop(): Promise<void>;
  /**
   * Jobs waiting or in progress on the audit queue; rejects when the queue cannot be reached within
   * `timeoutMs`. Always 0 in-process (there is no queue).
   */
  queueDepth(timeoutMs: number): Promise<number>;
}

export const AUDIT_DELIVERY = Symbol('AuditDelivery');

/** Name of the repeatable retention job on the audit queue, and of its scheduler. */
export const RETENTION_JOB = 'retention';
/** How often retention runs. */
export const RETENTION_EVERY_MS = 3_600_000;

/** `work`, or a rejection naming `what` once `timeoutMs` passed without an answer. */
export async function withinTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
