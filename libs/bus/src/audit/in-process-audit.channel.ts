import type { AuditEvent } from '@bastion/contracts';
import type { AuditBatchSink } from './audit-batch.sink';

/** Receives one batch (unchecked, as from a queue); rejecting makes the sender retry it later. */
export type AuditBatchHandler = (events: unknown[], batchId: string) => Promise<void>;

/**
 * Hands audit batches from the proxy to the api inside one process, for the first look without
 * REDIS_URL: the Redis stand-in runs no Lua, so BullMQ cannot work on it. One channel per key prefix,
 * process-wide like the stand-in's own data. A batch is delivered straight to the consumer and the
 * sender awaits it, so a failure (or no consumer yet) leaves the batch in the sender's buffer.
 * Nothing survives a restart.
 */
export class InProcessAuditChannel {
  private static readonly channels = new Map<string, InProcessAuditChannel>();
  private handler: AuditBatchHandler | undefined;

  /** The channel of one key prefix in this process. */
  static for(prefix: string): InProcessAuditChannel {
    let channel = InProcessAuditChannel.channels.get(prefix);
    if (!channel) {
      channel = new InProcessAuditChannel();
      InProcessAuditChannel.channels.set(prefix, channel);
    }
    return channel;
  }

  /** Becomes the channel's consumer (replacing any other); call the result to stop. */
  consume(handler: AuditBatchHandler): () => void {
    this.handler = handler;
    return () => {
      if (this.handler === handler) this.handler = undefined;
    };
  }

  /** Delivers one batch, as JSON like a queue would; rejects when nobody consumes. */
  async deliver(events: readonly AuditEvent[]): Promise<void> {
    const handler = this.handler;
    const first = events[0];
    if (!first) return;
    if (!handler) throw new Error('no audit consumer in this process yet');
    await handler(JSON.parse(JSON.stringify(events)) as unknown[], first.id);
  }
}

/** An {@link AuditBatchSink} over the {@link InProcessAuditChannel} of one prefix. */
export class InProcessAuditSink implements AuditBatchSink {
  readonly kind = 'in-process';
  private readonly channel: InProcessAuditChannel;

  constructor(prefix: string) {
    this.channel = InProcessAuditChannel.for(prefix);
  }

  send(events: readonly AuditEvent[]): Promise<void> {
    return this.channel.deliver(events);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
