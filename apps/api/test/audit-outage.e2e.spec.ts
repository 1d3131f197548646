// A publisher (a proxy worker's side) through Redis outages, on a private redis-server the test
// stops and starts: events recorded while Redis is down stay in the bounded buffer and are all
// stored once it is back; beyond the bound the oldest are dropped and counted, the newest kept.
// The api's worker shares that Redis, so it rides the same outages.
import type { AuditEvent } from '@bastion/contracts';
import { startRedisServer, type RedisServerProcess } from '@bastion/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApi, type ApiHarness } from './api-harness';
import { auditEvent, startPublisher, waitForRowCount } from './support/audit-support';

describe('audit publisher during Redis outages', () => {
  let redisServer: RedisServerProcess;
  let api: ApiHarness;
  let publisher: ReturnType<typeof startPublisher>;
  const drops: Array<[number, number]> = [];
  const errors: unknown[] = [];
  let recoveries = 0;

  beforeAll(async () => {
    redisServer = await startRedisServer();
    api = await startApi({ REDIS_URL: redisServer.url });
    publisher = startPublisher(api, redisServer.url, {
      maxBuffered: 2_000,
      batchSize: 500,
      onDrop: (count, total) => drops.push([count, total]),
      onError: (error) => errors.push(error),
      onRecover: () => recoveries++,
    });
  });
  afterAll(async () => {
    await publisher?.close();
    await api?.close();
    await redisServer?.stop();
  });

  const record = (count: number, server: string): AuditEvent[] => {
    const events = Array.from({ length: count }, (_, n) =>
      auditEvent({ server, method: `m/${n}`, time: new Date(Date.now() + n).toISOString() }),
    );
    for (const event of events) publisher.publisher.record(event);
    return events;
  };

  it('delivers normally while Redis is up', async () => {
    record(10, 'before');
    await waitForRowCount(api, 10, "server = 'before'");
    expect(publisher.publisher.size).toBe(0);
  });

  it('keeps everything that fits the buffer during an outage and delivers it when Redis is back', async () => {
    await redisServer.stop();
    record(1_500, 'outage-fits');
    // Attempts fail meanwhile; nothing is dropped, everything is held.
    await vi.waitFor(() => expect(errors).toHaveLength(1), { timeout: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(publisher.publisher.size).toBe(1_500);
    expect(publisher.publisher.dropped).toBe(0);

    await redisServer.start();
    await waitForRowCount(api, 1_500, "server = 'outage-fits'", 30_000);
    expect(publisher.publisher.dropped).toBe(0);
    expect(publisher.publisher.size).toBe(0);
    expect(recoveries).toBe(1);
  });

  it('drops the oldest events beyond the bound, counts them, and delivers the newest', async () => {
    await redisServer.stop();
    const events = record(3_000, 'outage-overflows');
    await vi.waitFor(() => expect(publisher.publisher.dropped).toBe(1_000), { timeout: 5_000 });
    expect(publisher.publisher.size).toBe(2_000);
    await vi.waitFor(() => expect(drops.at(-1)?.[1]).toBe(1_000), { timeout: 5_000 });
    expect(drops.reduce((sum, [count]) => sum + count, 0)).toBe(1_000);
    await vi.waitFor(() => expect(errors).toHaveLength(2), { timeout: 5_000 }); // one per outage
    expect(publisher.publisher.size).toBe(2_000);

    await redisServer.start();
    await waitForRowCount(api, 2_000, "server = 'outage-overflows'", 30_000);
    const { rows } = await api.query<{ id: string }>(
      "SELECT id FROM audit_events WHERE server = 'outage-overflows'",
    );
    const stored = new Set(rows.map((row) => row.id));
    expect(events.slice(1_000).every((event) => stored.has(event.id))).toBe(true);
    expect(events.slice(0, 1_000).some((event) => stored.has(event.id))).toBe(false);
    expect(publisher.publisher.dropped).toBe(1_000);
    expect(recoveries).toBe(2);
  });
});
