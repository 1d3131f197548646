import type { Response } from 'express';
import type { AuditFilter } from './audit-filter';
import { matchesAuditFilter } from './audit-filter.matcher';
import type { AuditEventDto } from './dto/audit-event.dto';

/** Options of one {@link AuditTailStream}. */
export interface AuditTailStreamOptions {
  /** Events held while the client reads slower than events arrive; the oldest go first beyond it. */
  maxQueued: number;
  /** How often a comment line keeps idle connections (and proxies) open. */
  heartbeatMs: number;
  /** Called once when the stream ends, whoever ends it. */
  onClose: () => void;
}

/**
 * One live-tail client over Server-Sent Events: matching events as `id:`/`data:` frames, a `ready`
 * event once the stream is live, comment heartbeats, and `dropped` events saying how many events a
 * slow client missed. Writes follow the socket's backpressure: while it is full, frames wait in a
 * bounded queue.
 */
export class AuditTailStream {
  private readonly queue: string[] = [];
  private blocked = false;
  private missed = 0;
  private ended = false;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly response: Response,
    private readonly filter: AuditFilter,
    private readonly options: AuditTailStreamOptions,
  ) {}

  start(): void {
    const response = this.response;
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    response.setHeader('X-Accel-Buffering', 'no'); // nginx: do not buffer the stream
    response.flushHeaders();
    response.socket?.setNoDelay(true);
    response.on('close', () => this.dispose());
    response.on('drain', () => this.drain());
    this.heartbeat = setInterval(() => {
      if (!this.blocked) this.write(`: heartbeat ${new Date().toISOString()}\n\n`);
    }, this.options.heartbeatMs);
    this.heartbeat.unref();
    this.send('retry: 2000\nevent: ready\ndata: {}\n\n');
  }

  /** Sends the events that pass this stream's filter. */
  offer(events: readonly AuditEventDto[]): void {
    for (const event of events) {
      if (matchesAuditFilter(this.filter, event))
        this.send(`id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`);
    }
  }

  /** Ends the stream from the server side (shutdown). */
  close(): void {
    if (this.ended) return;
    this.response.end();
    this.dispose();
  }

  private send(frame: string): void {
    if (this.ended) return;
    if (!this.blocked) {
      this.write(frame);
      return;
    }
    if (this.queue.length >= this.options.maxQueued) {
      this.queue.shift();
      this.missed += 1;
    }
    this.queue.push(frame);
  }

  private drain(): void {
    this.blocked = false;
    if (this.missed > 0) {
      this.write(`event: dropped\ndata: ${JSON.stringify({ count: this.missed })}\n\n`);
      this.missed = 0;
    }
    while (!this.blocked && this.queue.length > 0) this.write(this.queue.shift() as string);
  }

  private write(frame: string): void {
    if (this.ended || this.response.destroyed) return;
    if (!this.response.write(frame)) this.blocked = true;
  }

  private dispose(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.heartbeat);
    this.queue.length = 0;
    this.options.onClose();
  }
}
