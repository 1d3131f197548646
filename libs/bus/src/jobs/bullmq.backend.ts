import { Queue, Worker, type DefaultJobOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { closeWithin, closeWorker } from '../close-within';
import type {
  JobBackend,
  JobConsumer,
  JobHandler,
  JobProducer,
  JobProducerOptions,
  JobQueuesOptions,
} from './job-queue.types';

/** Retries with backoff for about a minute; completed jobs are kept an hour, failed ones a week. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 3_600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3_600 },
};

/** A transient job: one attempt, deleted once done. */
const TRANSIENT_JOB = { attempts: 1, removeOnComplete: true, removeOnFail: true } as const;

/**
 * Queues on Redis through BullMQ. Producers share one fail-fast connection (an add while Redis is
 * down rejects within seconds instead of piling up); each consumer gets its own connection with
 * `maxRetriesPerRequest: null`, as BullMQ workers require. BullMQ does not close connections it is
 * given, so {@link close} does.
 */
export class BullMqBackend implements JobBackend {
  private readonly queues = new Map<string, Queue>();
  /** Each worker with its own connection. */
  private readonly workers = new Map<Worker, Redis>();
  private readonly connections: Redis[] = [];
  private producerConnection: Redis | undefined;

  constructor(private readonly options: JobQueuesOptions & { url: string }) {}

  producer<T>(queue: string, options: JobProducerOptions = {}): JobProducer<T> {
    const target = this.queue(queue);
    const kept = options.transient ? TRANSIENT_JOB : {};
    return {
      add: async (jobId, payload) => {
        await target.add(queue, payload, { jobId, ...kept });
      },
    };
  }

  consume(queue: string, handler: JobHandler, concurrency: number): JobConsumer {
    const connection = this.connect(`${this.options.connectionName}-${queue}`, {
      maxRetriesPerRequest: null,
    });
    const worker = new Worker(queue, (job) => handler(job.data, job.id ?? ''), {
      connection,
      prefix: this.bullPrefix,
      concurrency,
    });
    let reported = false;
    worker.on('error', (error) => {
      if (!reported) this.options.log('warn', 'job queue connection problem; retrying', { queue, error });
      reported = true;
    });
    worker.on('ready', () => (reported = false));
    worker.on('failed', (job, error) => {
      const final = job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1);
      this.options.log(final ? 'error' : 'warn', final ? 'job failed for good' : 'job failed; will retry', {
        queue,
        job_id: job?.id,
        attempts: job?.attemptsMade,
        error,
      });
    });
    this.workers.set(worker, connection);
    return {
      close: async () => {
        this.workers.delete(worker);
        await closeWorker(worker, connection);
        this.disconnect(connection);
      },
    };
  }

  /** Closes workers, then queues (see closeWorker and closeWithin: never waiting on a Redis that is gone), then the connections. */
  async close(): Promise<void> {
    await Promise.all([...this.workers].map(([worker, connection]) => closeWorker(worker, connection)));
    await Promise.all([...this.queues.values()].map((queue) => closeWithin(queue.close())));
    this.workers.clear();
    this.queues.clear();
    for (const connection of this.connections.splice(0)) connection.disconnect();
  }

  private get bullPrefix(): string {
    return `${this.options.prefix}bull`;
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      this.producerConnection ??= this.connect(this.options.connectionName, { maxRetriesPerRequest: 1 });
      queue = new Queue(name, {
        connection: this.producerConnection,
        prefix: this.bullPrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
        // Commands wait for a connection being made, but an add during an outage fails after one
        // retry instead of waiting for Redis to come back.
        skipWaitingForReady: true,
      });
      queue.on('error', () => undefined); // add() rejects with the same error; the caller reports it
      this.queues.set(name, queue);
    }
    return queue;
  }

  private disconnect(connection: Redis): void {
    const index = this.connections.indexOf(connection);
    if (index >= 0) this.connections.splice(index, 1);
    connection.disconnect();
  }

  private connect(connectionName: string, overrides: Record<string, unknown>): Redis {
    const connection = new Redis(this.options.url, {
      connectionName,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
      ...overrides,
    });
    connection.on('error', () => undefined); // reported through the worker's 'error' event
    this.connections.push(connection);
    return connection;
  }
}
