// Audit ingest end to end: an AuditPublisher (as a proxy worker runs it) → BullMQ on real Redis →
// the api's worker → rows in Postgres. Re-delivered batches store nothing twice; invalid events are
// counted and skipped without costing their batch; payloads are capped again on ingest. Without
// REDIS_URL (first look) the same publisher reaches the api over the in-process channel.
import { AuditPublisher, BullMqAuditSink, createAuditSink, createRedis } from '@bastion/bus';
import { AUDIT_BATCH_JOB, AUDIT_PAYLOAD_MAX_BYTES, AUDIT_QUEUE } from '@bastion/contracts';
import { TEST_REDIS_URL } from '@bastion/testing';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { useApi } from './api-harness';
import { auditEvent, startPublisher, waitForRowCount } from './support/audit-support';

const PROJECT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

describe('audit ingest over BullMQ', () => {
  const api = useApi();
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });

  const rawQueue = () => {
    const queue = new Queue(AUDIT_QUEUE, {
      connection: { url: TEST_REDIS_URL },
      prefix: `${api.redisPrefix}bull`,
    });
    closers.push(() => queue.close());
    return queue;
  };

  it('stores what a publisher records, every field, in batches of one job each', async () => {
    const { publisher, close } = startPublisher(api, TEST_REDIS_URL, { batchSize: 100 });
    closers.push(close);
    const full = auditEvent({
      type: 'response',
      direction: 'outbound',
      sessionId: 'session-1',
      projectId: PROJECT,
      userId: '7a2b3c4d-5e6f-4a70-8b9c-0d1e2f3a4b5c',
      keyId: '8b3c4d5e-6f70-4a81-9cad-1e2f3a4b5c6d',
      server: 'github',
      tool: 'create_issue',
      status: 'ok',
      durationMs: 12.5,
      errorCode: -32011,
      payload: { arguments: { title: 'hello' }, nested: [1, 'two', null] },
      traceId: '0af7651916cd43dd8448eb211c80319c',
      workerId: 'worker-a',
    });
    publisher.record(full);
    for (let n = 0; n < 249; n++) publisher.record(auditEvent({ projectId: PROJECT, method: `m/${n}` }));
    await waitForRowCount(api, 250);

    const { rows } = await api.query('SELECT * FROM audit_events WHERE id = $1', [full.id]);
    expect(rows[0]).toMatchObject({
      type: 'response',
      direction: 'outbound',
      method: 'tools/call',
      session_id: 'session-1',
      project_id: PROJECT,
      user_id: full.userId,
      key_id: full.keyId,
      server: 'github',
      tool: 'create_issue',
      status: 'ok',
      duration_ms: 12.5,
      error_code: -32011,
      payload: full.payload,
      trace_id: full.traceId,
      worker_id: 'worker-a',
    });
    expect(rows[0].time.toISOString()).toBe(full.time);
    expect(publisher.dropped).toBe(0);

    const jobs = await rawQueue().getJobs(['completed']);
    expect(jobs.map((job) => job.data.events.length).sort((a, b) => b - a)).toEqual([100, 100, 50]);
    for (const job of jobs) expect(job.id).toBe(job.data.events[0].id);
  });

  it('stores a batch delivered twice once, whether BullMQ or Postgres notices', async () => {
    const connection = createRedis({ url: TEST_REDIS_URL, connectionName: 'audit-test-redelivery' });
    const sink = new BullMqAuditSink(connection, { prefix: api.redisPrefix });
    closers.push(async () => {
      await sink.close();
      connection.disconnect();
    });
    const batch = Array.from({ length: 20 }, () => auditEvent({ server: 'redelivery' }));
    await sink.send(batch);
    await sink.send(batch); // same job id while the first job is known: BullMQ ignores it
    await waitForRowCount(api, 20, "server = 'redelivery'");

    // The same events again as a new job (e.g. the first one was removed already): Postgres skips them.
    const queue = rawQueue();
    const job = await queue.add(AUDIT_BATCH_JOB, { events: batch }, { jobId: `again-${batch[0].id}` });
    await expect
      .poll(async () => (await queue.getJobState(job.id!)) as string, { timeout: 10_000 })
      .toBe('completed');
    await waitForRowCount(api, 20, "server = 'redelivery'");
    expect((await queue.getJob(job.id!))?.returnvalue).toBe(0);
  });

  it('counts and skips invalid events without losing the valid ones of their batch, or crashing', async () => {
    const queue = rawQueue();
    const good = [auditEvent({ server: 'mixed' }), auditEvent({ server: 'mixed' })];
    const bad = [
      { ...auditEvent({ server: 'mixed' }), id: 'not-a-uuid' },
      { ...auditEvent({ server: 'mixed' }), type: 'nonsense' },
      'not even an object',
    ];
    const mixed = await queue.add(
      AUDIT_BATCH_JOB,
      { events: [good[0], ...bad, good[1]] },
      { jobId: 'mixed-batch' },
    );
    const malformed = await queue.add(AUDIT_BATCH_JOB, { rows: [] }, { jobId: 'malformed-batch' });
    for (const job of [mixed, malformed]) {
      await expect
        .poll(async () => (await queue.getJobState(job.id!)) as string, { timeout: 10_000 })
        .toBe('completed');
    }
    await waitForRowCount(api, 2, "server = 'mixed'");
    const metrics = await api.request('GET', '/metrics', { key: null });
    expect(metrics.text).toMatch(/bastion_audit_events_invalid_total\{[^}]*\} 4\b/);
    expect(metrics.text).toMatch(/bastion_audit_events_duplicate_total\{[^}]*\} 20\b/);

    // And the worker keeps going.
    const { publisher, close } = startPublisher(api, TEST_REDIS_URL);
    closers.push(close);
    publisher.record(auditEvent({ server: 'after-invalid' }));
    await waitForRowCount(api, 1, "server = 'after-invalid'");
  });

  it('caps an oversized payload again on ingest', async () => {
    const queue = rawQueue();
    const event = auditEvent({ server: 'huge', payload: { blob: 'x'.repeat(100_000) } });
    await queue.add(AUDIT_BATCH_JOB, { events: [event] }, { jobId: event.id });
    await waitForRowCount(api, 1, "server = 'huge'");
    const { rows } = await api.query(
      "SELECT payload, octet_length(payload::text) AS bytes FROM audit_events WHERE server = 'huge'",
    );
    expect(rows[0].payload).toMatchObject({ truncated: true, originalBytes: 100_011 });
    expect(Buffer.byteLength(JSON.stringify(rows[0].payload))).toBeLessThanOrEqual(AUDIT_PAYLOAD_MAX_BYTES);
  });

  it('schedules hourly retention as a BullMQ job scheduler', async () => {
    const scheduler = await rawQueue().getJobScheduler('retention');
    expect(scheduler).toMatchObject({ every: 3_600_000, name: 'retention' });
  });
});

describe('audit ingest without REDIS_URL (first look)', () => {
  const api = useApi({ REDIS_URL: '' });

  it('delivers over the in-process channel when the publisher runs in the same process', async () => {
    const standIn = createRedis({ url: undefined, connectionName: 'audit-test-stand-in' });
    const sink = createAuditSink(standIn, api.redisPrefix);
    expect(sink.kind).toBe('in-process');
    const publisher = new AuditPublisher({ sink, flushIntervalMs: 20 });
    const events = Array.from({ length: 30 }, () => auditEvent({ server: 'in-process' }));
    for (const event of events) publisher.record(event);
    await waitForRowCount(api, 30, "server = 'in-process'");
    for (const event of events) publisher.record(event); // again: nothing doubles
    expect(await publisher.flush()).toBe(true);
    await waitForRowCount(api, 30, "server = 'in-process'");
    const page = await api.request('GET', '/api/v1/audit-events?server=in-process&limit=5');
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(5);
    await publisher.close();
  });
});
