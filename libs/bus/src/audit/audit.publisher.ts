import type { AuditEvent } from '@bastion/contracts';
import type { AuditBatchSink } from './audit-batch.sink';
import { BoundedDeque } from './bounded-deque';

/** Options of {@link AuditPublisher}. */
export interface AuditPublisherOptions {
  /** Where batches go: see `createAuditSink`. */
  sink: AuditBatchSink;
  /** Events kept while they cannot be delivered; beyond it the oldest are dropped (default 10,000). */
  maxBuffered?: number;
  /** Events per batch, i.e. per job (default 500). A full batch is sent without waiting for the timer. */
  batchSize?: number;
  /** How often buffered events are sent (default 200 ms). */
  flushIntervalMs?: number;
  /** Longest pause between attempts while the sink fails (default 5 s; doubling from the interval). */
  maxRetryDelayMs?: number;
  /** Told, at most once per interval, how many events were dropped since the last call and in all. */
  onDrop?: (dropped: number, totalDropped: number) => void;
  /** Told the first failure of an outage (later failures of the same outage are silent). */
  onError?: (error: unknown) => void;
  /** Told when delivery works again after {@link onError}. */
  onRecover?: () => void;
}

/**
 * Collects audit events on a worker and delivers them in batches. `record()` is synchronous and
 * cheap: it only appends to a bounded in-memory buffer. A timer sends what is buffered as batches of
 * up to `batchSize` events, one job each, one at a time. When the sink fails (Redis unreachable) the
 * events stay buffered and the batch is retried with backoff, unchanged, so its job id (its first
 * event's id) keeps naming the same events. Past `maxBuffered` the oldest events are dropped and
 * counted; the events of the batch in flight count as buffered, and one of them dropped while in
 * flight is only lost if that attempt fails.
 */
export class AuditPublisher {
  private readonly sink: AuditBatchSink;
  private readonly maxBuffered: number;
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly buffer: BoundedDeque<AuditEvent>;
  /** The batch being delivered, retried as is until it is. */
  private batch: AuditEvent[] = [];
  /** How many of the oldest events of `batch` were dropped for room since it was taken. */
  private evictedFromBatch = 0;
  private delivering: Promise<boolean> | undefined;
  private flushScheduled = false;
  private failures = 0;
  private retryAt = 0;
  private droppedTotal = 0;
  private droppedUnreported = 0;
  private closed = false;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: AuditPublisherOptions) {
    this.sink = options.sink;
    this.maxBuffered = options.maxBuffered ?? 10_000;
    this.batchSize = Math.min(options.batchSize ?? 500, this.maxBuffered);
    this.flushIntervalMs = options.flushIntervalMs ?? 200;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 5_000;
    this.buffer = new BoundedDeque(this.maxBuffered);
    this.timer = setInterval(() => this.tick(), this.flushIntervalMs);
    this.timer.unref();
  }

  /** Events held, waiting or in flight. */
  get size(): number {
    return this.buffer.length + this.batch.length - this.evictedFromBatch;
  }

  /** Events dropped so far (buffer full, or still undelivered at close). */
  get dropped(): number {
    return this.droppedTotal;
  }

  /**
   * Buffers one event for delivery. Never throws, never waits. The payload must already be redacted
   * and capped (`capAuditPayload` from @bastion/contracts): the publisher sends events as they are.
   */
  record(event: AuditEvent): void {
    if (this.closed) {
      this.countDropped(1);
      return;
    }
    if (this.size >= this.maxBuffered) this.evictOldest();
    this.buffer.push(event);
    if (this.buffer.length >= this.batchSize) this.scheduleFlush();
  }

  /**
   * Sends everything buffered now, batch after batch. Resolves true when the buffer was emptied,
   * false when the sink failed (the events stay buffered for the next attempt).
   */
  flush(): Promise<boolean> {
    this.delivering ??= this.deliverAll().finally(() => (this.delivering = undefined));
    return this.delivering;
  }

  /**
   * Stops taking events and delivers what it can within `timeoutMs`; what is left is counted as
   * dropped. Closes the sink (not the connection behind it). Resolves with the number dropped.
   */
  async close(timeoutMs = 5_000): Promise<number> {
    this.closed = true;
    clearInterval(this.timer);
    const deadline = Date.now() + timeoutMs;
    while (this.size > 0 && Date.now() < deadline) {
      const delivered = await raceDeadline(this.flush(), deadline);
      if (delivered !== true) await sleep(Math.min(this.flushIntervalMs, Math.max(0, deadline - Date.now())));
    }
    const left = this.size;
    this.buffer.take(left);
    this.batch = [];
    this.evictedFromBatch = 0;
    this.countDropped(left);
    this.reportDrops();
    await this.sink.close();
    return left;
  }

  private tick(): void {
    this.reportDrops();
    if (this.size > 0 && Date.now() >= this.retryAt) void this.flush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.delivering || Date.now() < this.retryAt) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      void this.flush();
    });
  }

  private async deliverAll(): Promise<boolean> {
    while (this.takeBatch()) {
      try {
        await this.sink.send(this.batch);
      } catch (error) {
        this.failed(error);
        return false;
      }
      this.batch = [];
      this.evictedFromBatch = 0;
      this.succeeded();
    }
    return true;
  }

  /** Applies drops to the batch in hand, or takes the next one; false when there is nothing to send. */
  private takeBatch(): boolean {
    if (this.evictedFromBatch > 0) {
      this.countDropped(this.evictedFromBatch);
      this.batch = this.batch.slice(this.evictedFromBatch);
      this.evictedFromBatch = 0;
    }
    if (this.batch.length === 0) this.batch = this.buffer.take(this.batchSize);
    return this.batch.length > 0;
  }

  private evictOldest(): void {
    if (this.evictedFromBatch < this.batch.length) {
      this.evictedFromBatch += 1; // counted (and removed) only if this attempt fails: see takeBatch
      return;
    }
    this.buffer.shift();
    this.countDropped(1);
  }

  private failed(error: unknown): void {
    if (this.failures === 0) this.options.onError?.(error);
    this.failures += 1;
    const delay = Math.min(this.flushIntervalMs * 2 ** this.failures, this.maxRetryDelayMs);
    this.retryAt = Date.now() + delay;
  }

  private succeeded(): void {
    if (this.failures > 0) this.options.onRecover?.();
    this.failures = 0;
    this.retryAt = 0;
  }

  private countDropped(count: number): void {
    this.droppedTotal += count;
    this.droppedUnreported += count;
  }

  private reportDrops(): void {
    if (this.droppedUnreported === 0) return;
    const count = this.droppedUnreported;
    this.droppedUnreported = 0;
    this.options.onDrop?.(count, this.droppedTotal);
  }
}

async function raceDeadline<T>(work: Promise<T>, deadline: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
