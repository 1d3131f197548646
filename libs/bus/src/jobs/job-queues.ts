import { BullMqBackend } from './bullmq.backend';
import { InProcessBackend } from './in-process.backend';
import type {
  JobBackend,
  JobConsumer,
  JobHandler,
  JobProducer,
  JobProducerOptions,
  JobQueuesOptions,
} from './job-queue.types';

/**
 * The queues of one process (worker → api messages such as tool discoveries): BullMQ on Redis when
 * a URL is configured, otherwise in-process delivery over the Redis stand-in (first look: api and
 * proxy in one process). Producers and consumers made here are closed by {@link close}.
 */
export class JobQueues {
  /** `bullmq`, or `in-process` without a Redis URL. */
  readonly mode: 'bullmq' | 'in-process';
  private readonly backend: JobBackend;

  constructor(options: JobQueuesOptions) {
    const { url } = options;
    this.mode = url ? 'bullmq' : 'in-process';
    this.backend = url ? new BullMqBackend({ ...options, url }) : new InProcessBackend(options);
  }

  /** A producer for one queue (the underlying queue is opened on first use and shared). */
  producer<T>(queue: string, options?: JobProducerOptions): JobProducer<T> {
    return this.backend.producer<T>(queue, options);
  }

  /** Starts consuming one queue with up to `concurrency` jobs at a time. */
  consume(queue: string, handler: JobHandler, options: { concurrency?: number } = {}): JobConsumer {
    return this.backend.consume(queue, handler, options.concurrency ?? 1);
  }

  /** Stops every consumer, then closes the queues and their connections. */
  close(): Promise<void> {
    return this.backend.close();
  }
}
