import { auditKeys, createRedis } from '@bastion/bus';
import { Inject, Injectable, ServiceUnavailableException, type OnModuleDestroy } from '@nestjs/common';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'winston';
import { z } from 'zod';
import { API_RUNTIME, LOGGER, REDIS, type ApiRuntime } from '../core/api-runtime';
import type { AuditFilter } from './audit-filter';
import { AuditTailStream } from './audit-tail.stream';
import { AuditMetrics } from './audit.metrics';
import { auditEventDtoSchema, type AuditEventDto } from './dto/audit-event.dto';

/** Live tails one api instance serves at most. */
const MAX_STREAMS = 200;
/** Events a slow client may fall behind by before the oldest are dropped. */
const MAX_QUEUED_PER_STREAM = 1_000;
const HEARTBEAT_MS = 15_000;
/** Keeps each pub/sub message far below Redis's output-buffer limits for subscribers. */
const MAX_MESSAGE_BYTES = 512 * 1024;

const announcementSchema = z.array(auditEventDtoSchema);

/**
 * Live tail across api instances: the instance that stores events announces them on a Redis
 * channel (only when some instance listens), and every instance with open tails subscribes to it
 * (on a connection of its own, from the first tail on) and hands each event to the streams whose
 * filter it passes.
 */
@Injectable()
export class AuditTailHub implements OnModuleDestroy {
  private readonly channel: string;
  private readonly streams = new Set<AuditTailStream>();
  private subscriber: Redis | undefined;
  private subscribing: Promise<void> | undefined;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(API_RUNTIME) private readonly runtime: ApiRuntime,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: AuditMetrics,
  ) {
    this.channel = auditKeys(runtime.config.redis.prefix).tailChannel;
  }

  /** Publishes stored events to the live tails of every instance. */
  async announce(events: readonly AuditEventDto[]): Promise<void> {
    if (events.length === 0) return;
    const [, listeners] = (await this.redis.pubsub('NUMSUB', this.channel)) as [string, number];
    if (Number(listeners) === 0) return;
    for (const message of messages(events)) await this.redis.publish(this.channel, message);
  }

  /** Serves one live tail on `response` until the client leaves (503 when it cannot). */
  async open(filter: AuditFilter, response: Response): Promise<void> {
    if (this.streams.size >= MAX_STREAMS) {
      throw new ServiceUnavailableException('Too many live tails on this instance; try again later.');
    }
    try {
      await this.subscribe();
    } catch {
      throw new ServiceUnavailableException(
        'The live tail needs Redis, which is unavailable. Try again shortly.',
      );
    }
    const stream = new AuditTailStream(response, filter, {
      maxQueued: MAX_QUEUED_PER_STREAM,
      heartbeatMs: HEARTBEAT_MS,
      onClose: () => {
        this.streams.delete(stream);
        this.metrics.tailStreams.set(this.streams.size);
      },
    });
    this.streams.add(stream);
    this.metrics.tailStreams.set(this.streams.size);
    stream.start();
  }

  onModuleDestroy(): void {
    for (const stream of [...this.streams]) stream.close();
    this.subscriber?.disconnect();
    this.subscriber = undefined;
  }

  private subscribe(): Promise<void> {
    this.subscribing ??= this.connectSubscriber().catch((error: unknown) => {
      this.subscribing = undefined; // the next tail tries again
      throw error;
    });
    return this.subscribing;
  }

  private async connectSubscriber(): Promise<void> {
    this.subscriber ??= this.createSubscriber();
    await readyWithin(this.subscriber, 2_000);
    await this.subscriber.subscribe(this.channel);
  }

  private createSubscriber(): Redis {
    const subscriber = createRedis({
      url: this.runtime.config.redis.url,
      connectionName: 'bastion-api-audit-tail',
      onError: (error) => this.logger.warn('audit live tail lost Redis; reconnecting', { error }),
    });
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.deliver(message);
    });
    return subscriber;
  }

  private deliver(message: string): void {
    if (this.streams.size === 0) return;
    let events: AuditEventDto[];
    try {
      events = announcementSchema.parse(JSON.parse(message));
    } catch (error) {
      this.logger.warn('unreadable audit live tail message; ignored', { error });
      return;
    }
    for (const stream of this.streams) stream.offer(events);
  }
}

/** Waits for a (re)connecting connection, without leaving a listener behind on timeout. */
async function readyWithin(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'ready' || redis.status === undefined) return; // undefined: the in-process stand-in
  let onReady: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      onReady = resolve;
      redis.once('ready', resolve);
      timer = setTimeout(() => reject(new Error(`Redis not ready within ${ms} ms`)), ms);
    });
  } finally {
    clearTimeout(timer);
    if (onReady) redis.removeListener('ready', onReady);
  }
}

/** The events as JSON arrays of at most {@link MAX_MESSAGE_BYTES} each (a larger event goes alone). */
function* messages(events: readonly AuditEventDto[]): Generator<string> {
  let parts: string[] = [];
  let bytes = 2;
  for (const event of events) {
    const json = JSON.stringify(event);
    const size = Buffer.byteLength(json) + 1;
    if (parts.length > 0 && bytes + size > MAX_MESSAGE_BYTES) {
      yield `[${parts.join(',')}]`;
      parts = [];
      bytes = 2;
    }
    parts.push(json);
    bytes += size;
  }
  if (parts.length > 0) yield `[${parts.join(',')}]`;
}
