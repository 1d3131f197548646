/** How a producer's jobs are kept. */
export interface JobProducerOptions {
  /**
   * Delete each job as soon as it is done, tried once (large or sensitive payloads, best-effort work):
   * nothing of it stays in Redis for inspection.
   */
  transient?: boolean;
}

/** Puts jobs on one named queue. */
export interface JobProducer<T> {
  /** Adds a job; resolves once the queue holds it. Rejects when the queue cannot be reached. */
  add(jobId: string, payload: T): Promise<void>;
}

/**
 * Handles one job's payload (unparsed: the consumer validates it). Resolving completes the job;
 * throwing fails this attempt, and the job is retried with backoff until its attempts run out.
 */
export type JobHandler = (payload: unknown, jobId: string) => Promise<void>;

/** A running consumer of one queue. */
export interface JobConsumer {
  /** Stops taking jobs and waits for the ones in progress. */
  close(): Promise<void>;
}

/** Log sink of the queues (levels as winston's). */
export type JobLog = (
  level: 'info' | 'warn' | 'error',
  message: string,
  fields: Record<string, unknown>,
) => void;

/** How a process reaches its queues. */
export interface JobQueuesOptions {
  /** A redis:// URL (BullMQ), or undefined for in-process delivery over the Redis stand-in. */
  url: string | undefined;
  /** Bastion's key prefix (`BASTION_REDIS_PREFIX`); queue keys live under `<prefix>bull:`. */
  prefix: string;
  /** Name shown by `CLIENT LIST` for the queue connections, e.g. `bastion-proxy-jobs`. */
  connectionName: string;
  log: JobLog;
}

/** What every queue backend offers. */
export interface JobBackend {
  producer<T>(queue: string, options?: JobProducerOptions): JobProducer<T>;
  consume(queue: string, handler: JobHandler, concurrency: number): JobConsumer;
  close(): Promise<void>;
}
