import type { DefaultJobOptions } from 'bullmq';

/**
 * Audit batches are retried with backoff for about four minutes (the api may be restarting);
 * completed jobs are kept an hour so a re-sent batch is recognised by its job id, failed ones a week.
 */
export const AUDIT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 3_600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3_600 },
};

/** Where the audit trail lives in Redis, under Bastion's key prefix. */
export interface AuditKeys {
  /** BullMQ key prefix (the queue's keys are `<bullPrefix>:audit-events:*`). */
  readonly bullPrefix: string;
  /** Pub/sub channel on which the api instance that stored events announces them (live tail). */
  readonly tailChannel: string;
}

/** Builds the audit key names for one prefix (e.g. `bastion:`). */
export function auditKeys(prefix: string): AuditKeys {
  return { bullPrefix: `${prefix}bull`, tailChannel: `${prefix}audit:tail` };
}
