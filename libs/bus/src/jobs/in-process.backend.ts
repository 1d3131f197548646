import type { Redis } from 'ioredis';
import { createRedis } from '../redis.factory';
import type { JobBackend, JobConsumer, JobHandler, JobProducer, JobQueuesOptions } from './job-queue.types';

const ATTEMPTS = 3;

/**
 * Delivery inside one process, for the first look without REDIS_URL: the Redis stand-in runs no Lua,
 * so BullMQ cannot work on it, but its lists and pub/sub are shared by every stand-in connection of
 * the process. A job is pushed on a list and announced on a channel; the consumer drains the list
 * one job at a time, trying each up to three times. Nothing survives a restart (nor does the
 * stand-in's data).
 */
export class InProcessBackend implements JobBackend {
  private readonly connection: Redis = createRedis({ url: undefined, connectionName: 'jobs' });
  private readonly consumers = new Set<JobConsumer>();

  constructor(private readonly options: JobQueuesOptions) {}

  /** Jobs are taken off the list when delivered, so every job is transient here. */
  producer<T>(queue: string): JobProducer<T> {
    return {
      add: async (jobId, payload) => {
        await this.connection.rpush(this.listKey(queue), JSON.stringify({ jobId, payload }));
        await this.connection.publish(this.wakeChannel(queue), '1');
      },
    };
  }

  consume(queue: string, handler: JobHandler, _concurrency: number): JobConsumer {
    const subscriber = createRedis({ url: undefined, connectionName: 'jobs-subscriber' });
    let draining: Promise<void> = Promise.resolve();
    let closed = false;
    const drain = () => {
      draining = draining
        .then(() => this.drain(queue, handler, () => closed))
        .catch((error: unknown) =>
          this.options.log('error', 'in-process job delivery failed', { queue, error }),
        );
    };
    subscriber.on('message', drain);
    subscriber
      .subscribe(this.wakeChannel(queue))
      .then(drain, (error: unknown) =>
        this.options.log('error', 'in-process job queue cannot subscribe', { queue, error }),
      );
    const consumer: JobConsumer = {
      close: async () => {
        closed = true;
        this.consumers.delete(consumer);
        await subscriber.unsubscribe().catch(() => undefined);
        subscriber.disconnect();
        await draining;
      },
    };
    this.consumers.add(consumer);
    return consumer;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.consumers].map((consumer) => consumer.close()));
    this.connection.disconnect();
  }

  private async drain(queue: string, handler: JobHandler, stopped: () => boolean): Promise<void> {
    while (!stopped()) {
      const raw = await this.connection.lpop(this.listKey(queue));
      if (raw === null) return;
      const { jobId, payload } = JSON.parse(raw) as { jobId: string; payload: unknown };
      await this.run(queue, handler, jobId, payload);
    }
  }

  private async run(queue: string, handler: JobHandler, jobId: string, payload: unknown): Promise<void> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        return await handler(payload, jobId);
      } catch (error) {
        const final = attempt === ATTEMPTS;
        this.options.log(final ? 'error' : 'warn', final ? 'job failed for good' : 'job failed; will retry', {
          queue,
          job_id: jobId,
          attempts: attempt,
          error,
        });
      }
    }
  }

  private listKey(queue: string): string {
    return `${this.options.prefix}jobs:${queue}`;
  }

  private wakeChannel(queue: string): string {
    return `${this.options.prefix}jobs:${queue}:wake`;
  }
}
