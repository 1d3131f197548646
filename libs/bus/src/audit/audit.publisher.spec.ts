// The publisher's buffering rules against a sink the test controls (fails or accepts on demand,
// holds a send open): batching, the drop-oldest bound, retries of an unchanged batch, and close().
// The BullMQ sink against real Redis, including outages, is covered by apps/api/test/audit-*.e2e.
import type { AuditEvent } from '@bastion/contracts';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditBatchSink } from './audit-batch.sink';
import { AuditPublisher, type AuditPublisherOptions } from './audit.publisher';

class TestSink implements AuditBatchSink {
  readonly kind = 'in-process';
  readonly batches: string[][] = [];
  readonly attempts: string[][] = [];
  failing = false;
  hold: Promise<void> | undefined;
  closed = false;

  async send(events: readonly AuditEvent[]): Promise<void> {
    const ids = events.map((event) => event.id);
    this.attempts.push(ids);
    if (this.hold) await this.hold;
    if (this.failing) throw new Error('sink down');
    this.batches.push(ids);
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  delivered(): string[] {
    return this.batches.flat();
  }
}

const event = (n: number): AuditEvent => ({
  id: randomUUID(),
  time: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  type: 'request',
  method: `m${n}`,
});

describe(AuditPublisher.name, () => {
  const publishers: AuditPublisher[] = [];
  const make = (sink: TestSink, options: Partial<AuditPublisherOptions> = {}) => {
    const publisher = new AuditPublisher({ sink, flushIntervalMs: 20, maxRetryDelayMs: 40, ...options });
    publishers.push(publisher);
    return publisher;
  };
  afterEach(async () => {
    await Promise.all(publishers.splice(0).map((publisher) => publisher.close(100)));
  });

  it('sends a full batch at once, the rest on the timer, in order, in batches of at most batchSize', async () => {
    const sink = new TestSink();
    const publisher = make(sink, { batchSize: 4, flushIntervalMs: 300 });
    const events = Array.from({ length: 10 }, (_, n) => event(n));
    for (const e of events.slice(0, 4)) publisher.record(e);
    await vi.waitFor(() => expect(sink.batches).toHaveLength(1), { timeout: 200 }); // before the timer
    for (const e of events.slice(4, 6)) publisher.record(e);
    expect(publisher.size).toBe(2);
    await vi.waitFor(() => expect(publisher.size).toBe(0)); // the timer
    for (const e of events.slice(6)) publisher.record(e);
    expect(await publisher.flush()).toBe(true);
    expect(sink.batches.map((batch) => batch.length)).toEqual([4, 2, 4]);
    expect(sink.delivered()).toEqual(events.map((e) => e.id));
    expect(publisher.dropped).toBe(0);
  });

  it('keeps events while the sink fails, retries the same batch, and delivers when it recovers', async () => {
    const sink = new TestSink();
    sink.failing = true;
    const errors: unknown[] = [];
    let recovered = 0;
    const publisher = make(sink, {
      batchSize: 3,
      onError: (e) => errors.push(e),
      onRecover: () => recovered++,
    });
    const events = Array.from({ length: 5 }, (_, n) => event(n));
    for (const e of events) publisher.record(e);
    await vi.waitFor(() => expect(sink.attempts.length).toBeGreaterThanOrEqual(3));
    expect(errors).toHaveLength(1); // once per outage
    expect(new Set(sink.attempts.map((ids) => ids.join()))).toEqual(
      new Set([
        events
          .slice(0, 3)
          .map((e) => e.id)
          .join(),
      ]),
    );
    expect(publisher.size).toBe(5);

    sink.failing = false;
    await vi.waitFor(() => expect(publisher.size).toBe(0));
    expect(sink.delivered()).toEqual(events.map((e) => e.id));
    expect(recovered).toBe(1);
  });

  it('drops the oldest events beyond maxBuffered and reports how many', async () => {
    const sink = new TestSink();
    sink.failing = true;
    const reports: Array<[number, number]> = [];
    const publisher = make(sink, {
      maxBuffered: 10,
      batchSize: 4,
      onDrop: (n, total) => reports.push([n, total]),
    });
    publisher.record(event(0));
    await publisher.flush(); // fails: events 0.. are now "the batch in hand"
    const events = [event(0), ...Array.from({ length: 24 }, (_, n) => event(n + 1))];
    for (const e of events.slice(1)) publisher.record(e);
    expect(publisher.size).toBe(10);
    await vi.waitFor(() => expect(reports.reduce((sum, [n]) => sum + n, 0)).toBe(publisher.dropped));

    sink.failing = false;
    await vi.waitFor(() => expect(publisher.size).toBe(0));
    expect(publisher.dropped).toBe(15);
    expect(reports.at(-1)?.[1]).toBe(15);
    // Exactly the ten newest were delivered, in order.
    const delivered = sink.delivered();
    expect(delivered).toHaveLength(10);
    expect(delivered).toEqual(
      delivered
        .slice()
        .sort((a, b) => events.findIndex((e) => e.id === a) - events.findIndex((e) => e.id === b)),
    );
    expect(delivered.at(-1)).toBe(events.at(-1)?.id);
  });

  it('does not count events of a batch in flight as dropped when that batch gets through', async () => {
    const sink = new TestSink();
    let release!: () => void;
    sink.hold = new Promise((resolve) => (release = resolve));
    const publisher = make(sink, { maxBuffered: 4, batchSize: 4 });
    const first = [event(0), event(1), event(2), event(3)];
    for (const e of first) publisher.record(e);
    await vi.waitFor(() => expect(sink.attempts).toHaveLength(1)); // in flight, held open
    const more = [event(4), event(5)];
    for (const e of more) publisher.record(e); // room is made from the batch in flight
    expect(publisher.size).toBe(4);
    sink.hold = undefined;
    release();
    await vi.waitFor(() => expect(publisher.size).toBe(0));
    expect(publisher.dropped).toBe(0);
    expect(sink.delivered()).toEqual([...first, ...more].map((e) => e.id));
  });

  it('loses the oldest events of a batch in flight only when that attempt fails', async () => {
    const sink = new TestSink();
    let release!: () => void;
    sink.hold = new Promise((resolve) => (release = resolve));
    sink.failing = true;
    const publisher = make(sink, { maxBuffered: 4, batchSize: 4, maxRetryDelayMs: 300 });
    const events = Array.from({ length: 6 }, (_, n) => event(n));
    for (const e of events.slice(0, 4)) publisher.record(e);
    await vi.waitFor(() => expect(sink.attempts).toHaveLength(1));
    for (const e of events.slice(4)) publisher.record(e);
    expect(publisher.dropped).toBe(0); // not yet: the attempt may still succeed
    sink.hold = undefined;
    release();
    await vi.waitFor(() => expect(sink.attempts.length).toBeGreaterThanOrEqual(2));
    expect(publisher.dropped).toBe(2);
    sink.failing = false;
    await vi.waitFor(() => expect(publisher.size).toBe(0));
    expect(publisher.dropped).toBe(2);
    // The retried batch starts at the oldest survivor: a new job id for fewer events, never more.
    expect(sink.attempts[1]).toEqual(events.slice(2, 4).map((e) => e.id));
    expect(sink.delivered()).toEqual(events.slice(2).map((e) => e.id));
  });

  it('close() delivers what it can in time, counts the rest as dropped, and refuses new events', async () => {
    const sink = new TestSink();
    const publisher = new AuditPublisher({ sink, flushIntervalMs: 10_000 });
    publisher.record(event(1));
    publisher.record(event(2));
    expect(await publisher.close(1_000)).toBe(0);
    expect(sink.delivered()).toHaveLength(2);
    expect(sink.closed).toBe(true);
    publisher.record(event(3));
    expect(publisher.dropped).toBe(1);

    const down = new TestSink();
    down.failing = true;
    const stuck = new AuditPublisher({ sink: down, flushIntervalMs: 10_000 });
    stuck.record(event(4));
    const started = Date.now();
    expect(await stuck.close(150)).toBe(1);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(stuck.dropped).toBe(1);
  });
});
