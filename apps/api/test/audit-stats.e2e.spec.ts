// GET /api/v1/stats on a dataset with known answers (inserted with SQL at chosen times), and
// retention: the hourly BullMQ job deletes events older than AUDIT_RETENTION_DAYS and nothing else.
import { AUDIT_QUEUE } from '@bastion/contracts';
import { TEST_REDIS_URL } from '@bastion/testing';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApi, type ApiHarness } from './api-harness';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface Row {
  minutesAgo: number;
  type: string;
  server?: string | null;
  tool?: string | null;
  status?: string | null;
  durationMs?: number | null;
  errorCode?: number | null;
  projectId?: string | null;
}

async function insert(api: ApiHarness, now: number, rows: Row[]): Promise<void> {
  for (const row of rows) {
    await api.query(
      `INSERT INTO audit_events (id, time, type, server, tool, status, duration_ms, error_code, project_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        randomUUID(),
        new Date(now - row.minutesAgo * MINUTE),
        row.type,
        row.server ?? null,
        row.tool ?? null,
        row.status ?? null,
        row.durationMs ?? null,
        row.errorCode ?? null,
        row.projectId ?? null,
      ],
    );
  }
}

/** percentile_cont: linear interpolation between the closest ranks. */
function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

const times = <T>(count: number, make: (n: number) => T): T[] =>
  Array.from({ length: count }, (_, n) => make(n + 1));

describe('GET /api/v1/stats', () => {
  const api = useApi();
  const P = randomUUID();
  const Q = randomUUID();
  const now = Date.now();

  beforeAll(async () => {
    const fast = { server: 'alpha', tool: 'fast', projectId: P };
    await insert(api, now, [
      // alpha/fast: 100 responses of 1..100 ms, every tenth an error, five of those timeouts.
      ...times(100, (n) => ({
        ...fast,
        minutesAgo: (n % 50) + 1,
        type: 'response',
        status: n % 10 === 0 ? 'error' : 'ok',
        errorCode: n % 10 === 0 && n <= 50 ? -32011 : n % 10 === 0 ? -32603 : null,
        durationMs: n,
      })),
      ...times(2, () => ({ ...fast, minutesAgo: 5, type: 'response', status: 'blocked' })),
      ...times(3, () => ({ ...fast, minutesAgo: 5, type: 'guardrail', status: 'blocked' })),
      ...times(4, () => ({ ...fast, minutesAgo: 5, type: 'request' })),
      // alpha/slow: four gateway errors, two of them timeouts.
      ...times(4, (n) => ({
        server: 'alpha',
        tool: 'slow',
        projectId: P,
        minutesAgo: 10,
        type: 'error',
        durationMs: n * 1_000,
        errorCode: n <= 2 ? -32011 : -32010,
      })),
      // beta, no tool (resources/read): ten quick successes.
      ...times(10, () => ({
        server: 'beta',
        projectId: P,
        minutesAgo: 20,
        type: 'response',
        status: 'ok',
        durationMs: 7,
      })),
      // Not counted for P: another project, outside the window, no server.
      ...times(50, () => ({
        ...fast,
        projectId: Q,
        minutesAgo: 30,
        type: 'response',
        status: 'ok',
        durationMs: 10_000,
      })),
      ...times(20, () => ({ ...fast, minutesAgo: 120, type: 'response', status: 'error', durationMs: 1 })),
      ...times(5, () => ({ projectId: P, minutesAgo: 1, type: 'session.start' })),
    ]);
  });

  it('counts calls, errors, timeouts, blocks and guardrail actions, with percentiles, per server and tool', async () => {
    const response = await api.request('GET', `/api/v1/stats?projectId=${P}`);
    expect(response.status, response.text).toBe(200);
    const { items, totals, from, to, projectId } = response.body;
    expect(projectId).toBe(P);
    expect(Date.parse(to) - Date.parse(from)).toBe(60 * MINUTE);
    expect(items.map((item: any) => [item.server, item.tool])).toEqual([
      ['alpha', 'fast'],
      ['beta', null],
      ['alpha', 'slow'],
    ]);
    const [fast, beta, slow] = items;
    const durations = times(100, (n) => n);
    expect(fast).toMatchObject({ calls: 102, errors: 10, timeouts: 5, blocked: 2, guardrailActions: 3 });
    expect(fast.errorRate).toBeCloseTo(10 / 102, 10);
    expect(fast.latencyMs.p50).toBeCloseTo(percentile(durations, 0.5), 6); // 50.5
    expect(fast.latencyMs.p95).toBeCloseTo(percentile(durations, 0.95), 6); // 95.05
    expect(fast.latencyMs.p99).toBeCloseTo(percentile(durations, 0.99), 6); // 99.01
    expect(slow).toMatchObject({
      calls: 4,
      errors: 4,
      errorRate: 1,
      timeouts: 2,
      blocked: 0,
      guardrailActions: 0,
    });
    expect(slow.latencyMs.p50).toBeCloseTo(2_500, 6);
    expect(slow.latencyMs.p95).toBeCloseTo(3_850, 6);
    expect(slow.latencyMs.p99).toBeCloseTo(3_970, 6);
    expect(beta).toMatchObject({ calls: 10, errors: 0, errorRate: 0, latencyMs: { p50: 7, p95: 7, p99: 7 } });

    const all = [...durations, 1_000, 2_000, 3_000, 4_000, ...times(10, () => 7)];
    expect(totals).toMatchObject({ calls: 116, errors: 14, timeouts: 7, blocked: 2, guardrailActions: 3 });
    expect(totals.errorRate).toBeCloseTo(14 / 116, 10);
    expect(totals.latencyMs.p50).toBeCloseTo(percentile(all, 0.5), 6);
    expect(totals.latencyMs.p95).toBeCloseTo(percentile(all, 0.95), 6);
    expect(totals.latencyMs.p99).toBeCloseTo(percentile(all, 0.99), 6);
  });

  it('counts every project without projectId, and honours the window', async () => {
    const everyone = (await api.request('GET', '/api/v1/stats')).body;
    expect(everyone.projectId).toBeNull();
    expect(everyone.items[0]).toMatchObject({ server: 'alpha', tool: 'fast', calls: 152 });
    const wide = await api.request(
      'GET',
      `/api/v1/stats?projectId=${P}&from=${encodeURIComponent(new Date(now - 3 * 60 * MINUTE).toISOString())}`,
    );
    expect(wide.body.items[0]).toMatchObject({ server: 'alpha', tool: 'fast', calls: 122, errors: 30 });
  });

  it('answers zeros for a window without calls, and 400 for a bad window', async () => {
    const empty = await api.request('GET', `/api/v1/stats?projectId=${randomUUID()}`);
    expect(empty.body.items).toEqual([]);
    expect(empty.body.totals).toEqual({
      calls: 0,
      errors: 0,
      errorRate: 0,
      timeouts: 0,
      blocked: 0,
      guardrailActions: 0,
      latencyMs: { p50: null, p95: null, p99: null },
    });
    const reversed = `from=${encodeURIComponent(new Date().toISOString())}&to=${encodeURIComponent(new Date(now - MINUTE).toISOString())}`;
    expect((await api.request('GET', `/api/v1/stats?${reversed}`)).status).toBe(400);
    expect((await api.request('GET', '/api/v1/stats?server=alpha')).status).toBe(400);
  });
});

describe('audit retention', () => {
  const api = useApi({ AUDIT_RETENTION_DAYS: '7' });
  const queues: Queue[] = [];
  afterAll(async () => {
    for (const queue of queues) await queue.close();
  });
  const queue = () => {
    const opened = new Queue(AUDIT_QUEUE, {
      connection: { url: TEST_REDIS_URL },
      prefix: `${api.redisPrefix}bull`,
    });
    queues.push(opened);
    return opened;
  };

  it('deletes events older than AUDIT_RETENTION_DAYS, and only those, from its hourly job', async () => {
    const now = Date.now();
    const minutes = (days: number) => (days * DAY) / MINUTE;
    await insert(api, now, [
      ...times(3, () => ({ minutesAgo: minutes(8), type: 'request', server: 'old' })),
      ...times(2, () => ({ minutesAgo: minutes(7) + 5, type: 'request', server: 'old' })),
      ...times(2, () => ({ minutesAgo: minutes(7) - 5, type: 'request', server: 'kept' })),
      ...times(4, () => ({ minutesAgo: 1, type: 'request', server: 'kept' })),
    ]);
    expect(await queue().getJobScheduler('retention')).toMatchObject({ every: 3_600_000 });

    // Run the scheduled job now instead of waiting for the hour (the scheduler's own first run may
    // overlap it, so the count is read from the metric both add to).
    const job = await queue().add('retention', {}, { jobId: 'retention-now' });
    await expect
      .poll(async () => (await queue().getJobState(job.id!)) as string, { timeout: 10_000 })
      .toBe('completed');
    const { rows } = await api.query('SELECT server, count(*)::int AS n FROM audit_events GROUP BY server');
    expect(rows).toEqual([{ server: 'kept', n: 6 }]);
    const metrics = (await api.request('GET', '/metrics', { key: null })).text;
    expect(metrics).toMatch(/bastion_audit_events_deleted_total\{[^}]*\} 5\b/);
  });
});

describe('audit retention turned off', () => {
  const api = useApi({ AUDIT_RETENTION_DAYS: '0' });

  it('schedules nothing and deletes nothing', async () => {
    const queue = new Queue(AUDIT_QUEUE, {
      connection: { url: TEST_REDIS_URL },
      prefix: `${api.redisPrefix}bull`,
    });
    await insert(api, Date.now(), [{ minutesAgo: (400 * DAY) / MINUTE, type: 'request' }]);
    expect(await queue.getJobScheduler('retention')).toBeUndefined();
    const job = await queue.add('retention', {}, { jobId: 'retention-now' });
    await expect
      .poll(async () => (await queue.getJobState(job.id!)) as string, { timeout: 10_000 })
      .toBe('completed');
    expect((await api.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n).toBe(1);
    await queue.close();
  });
});
