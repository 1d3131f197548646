// GET /api/v1/audit-events over a known set of events stored through the real ingest path (an
// AuditPublisher on BullMQ): every filter alone and combined, the default 24-hour window, free text
// with LIKE wildcards taken literally, cursor pagination with tied timestamps, and refusals.
import type { AuditEvent } from '@bastion/contracts';
import { TEST_REDIS_URL } from '@bastion/testing';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './api-harness';
import { auditEvent, startPublisher, waitForRowCount } from './support/audit-support';

const PROJECT_A = randomUUID();
const PROJECT_B = randomUUID();
const USER_1 = randomUUID();
const USER_2 = randomUUID();
const KEY_1 = randomUUID();
const KEY_2 = randomUUID();
const KEY_3 = randomUUID();
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const HOUR = 3_600_000;

describe('GET /api/v1/audit-events', () => {
  const api = useApi();
  const now = Date.now();
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();
  const events: Record<string, AuditEvent> = {
    call: auditEvent({
      time: at(1),
      type: 'response',
      direction: 'outbound',
      method: 'tools/call',
      projectId: PROJECT_A,
      userId: USER_1,
      keyId: KEY_1,
      sessionId: 'session-1',
      server: 'github',
      tool: 'create_issue',
      status: 'ok',
      durationMs: 120,
      payload: { title: 'Fix the 100% bug_now' },
      traceId: TRACE,
    }),
    timeout: auditEvent({
      time: at(2),
      type: 'error',
      method: 'tools/call',
      projectId: PROJECT_A,
      userId: USER_2,
      keyId: KEY_2,
      server: 'github',
      tool: 'list_repos',
      status: 'error',
      errorCode: -32011,
      durationMs: 5_000,
      payload: { error: 'Upstream timed out' },
    }),
    request: auditEvent({
      time: at(3),
      type: 'request',
      direction: 'inbound',
      method: 'tools/call',
      projectId: PROJECT_B,
      userId: USER_1,
      keyId: KEY_3,
      server: 'slack',
      tool: 'post_message',
      payload: { text: 'Hello World' },
    }),
    blocked: auditEvent({
      time: at(4),
      type: 'guardrail',
      method: 'tools/call',
      projectId: PROJECT_B,
      server: 'slack',
      tool: 'post_message',
      status: 'blocked',
      payload: { detector: 'secrets', rule: 'aws-key' },
    }),
    session: auditEvent({
      time: at(5),
      type: 'session.start',
      method: 'initialize',
      projectId: PROJECT_A,
      sessionId: 'session-1',
    }),
    denied: auditEvent({
      time: at(6),
      type: 'auth.failure',
      method: 'initialize',
      status: 'denied',
      payload: { reason: 'unknown key' },
    }),
    old: auditEvent({
      time: at(30),
      type: 'response',
      method: 'tools/call',
      projectId: PROJECT_A,
      server: 'github',
      status: 'ok',
    }),
  };
  const names = new Map(Object.entries(events).map(([name, event]) => [event.id, name]));

  beforeAll(async () => {
    const { publisher, close } = startPublisher(api, TEST_REDIS_URL);
    for (const event of Object.values(events)) publisher.record(event);
    await waitForRowCount(api, Object.keys(events).length);
    await close();
  });

  const search = async (query: string) => {
    const response = await api.request('GET', `/api/v1/audit-events${query}`);
    expect(response.status, response.text).toBe(200);
    return response.body;
  };
  const found = async (query: string) => (await search(query)).items.map((item: any) => names.get(item.id));

  it('returns the last 24 hours newest first, every field', async () => {
    const page = await search('');
    expect(page.items.map((item: any) => names.get(item.id))).toEqual([
      'call',
      'timeout',
      'request',
      'blocked',
      'session',
      'denied',
    ]);
    expect(page.nextCursor).toBeNull();
    expect(Date.parse(page.to) - Date.parse(page.from)).toBe(24 * HOUR);
    expect(page.items[0]).toEqual({
      ...events.call,
      time: events.call.time,
      errorCode: null,
      workerId: null,
      insertedAt: expect.any(String),
    });
    expect(page.items[4]).toMatchObject({
      type: 'session.start',
      server: null,
      payload: null,
      durationMs: null,
    });
  });

  it.each([
    ['projectId', `projectId=${PROJECT_A}`, ['call', 'timeout', 'session']],
    ['userId', `userId=${USER_1}`, ['call', 'request']],
    ['keyId', `keyId=${KEY_2}`, ['timeout']],
    ['sessionId', 'sessionId=session-1', ['call', 'session']],
    ['traceId', `traceId=${TRACE}`, ['call']],
    ['server', 'server=github', ['call', 'timeout']],
    ['tool', 'tool=post_message', ['request', 'blocked']],
    ['method', 'method=initialize', ['session', 'denied']],
    ['one type', 'type=guardrail', ['blocked']],
    ['several types', 'type=response,error', ['call', 'timeout']],
    ['several statuses', 'status=blocked,denied', ['blocked', 'denied']],
    ['minDurationMs', 'minDurationMs=1000', ['timeout']],
    ['q in a payload, any case', 'q=TIMED%20OUT', ['timeout']],
    ['q in a server name', 'q=GitHub', ['call', 'timeout']],
    ['q in a tool name', 'q=post_mess', ['request', 'blocked']],
    ['q on an error code', 'q=-32011', ['timeout']],
    ['q with % taken literally', 'q=100%25', ['call']],
    ['q with _ taken literally', 'q=bug_now', ['call']],
    ['q with % not a wildcard', 'q=bug%25now', []],
    ['q with _ not a wildcard', 'q=100_%20bug', []],
    ['q on a payload value', 'q=aws-key', ['blocked']],
    ['combined filters', `projectId=${PROJECT_A}&type=response`, ['call']],
    [
      'from',
      `from=${encodeURIComponent(new Date(Date.now() - 2.5 * HOUR).toISOString())}`,
      ['call', 'timeout'],
    ],
    [
      'from and to',
      `from=${encodeURIComponent(new Date(Date.now() - 48 * HOUR).toISOString())}&to=${encodeURIComponent(new Date(Date.now() - 5.5 * HOUR).toISOString())}`,
      ['denied', 'old'],
    ],
  ])('filters by %s', async (_what, query, expected) => {
    expect(await found(`?${query}`)).toEqual(expected);
  });

  it('pages by cursor through events with equal times, newest first, without gaps or repeats', async () => {
    const time = new Date(now - 10 * HOUR).toISOString();
    const paging = Array.from({ length: 25 }, (_, n) =>
      auditEvent({
        server: 'paging',
        time: n < 15 ? time : new Date(now - ((10 + n) * HOUR) / 100).toISOString(),
      }),
    );
    const { publisher, close } = startPublisher(api, TEST_REDIS_URL);
    for (const event of paging) publisher.record(event);
    await waitForRowCount(api, 25, "server = 'paging'");
    await close();

    const seen: any[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const page: any = await search(`?server=paging&limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      sizes.push(page.items.length);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([10, 10, 5]);
    expect(new Set(seen.map((item) => item.id)).size).toBe(25);
    const order = [...seen].sort((a, b) => b.time.localeCompare(a.time) || b.id.localeCompare(a.id));
    expect(seen.map((item) => item.id)).toEqual(order.map((item) => item.id));
  });

  it.each([
    ['a limit over 500', '?limit=501'],
    [
      'a window in the wrong order',
      `?from=${encodeURIComponent(new Date().toISOString())}&to=${encodeURIComponent(new Date(Date.now() - HOUR).toISOString())}`,
    ],
    [
      'a from in the future (after the default to)',
      `?from=${encodeURIComponent(new Date(Date.now() + HOUR).toISOString())}`,
    ],
    ['an unknown type', '?type=response,bogus'],
    ['an unknown status', '?status=maybe'],
    ['a project id that is not a UUID', '?projectId=abc'],
    ['a time that is not ISO', '?from=yesterday'],
    ['an unknown parameter', '?project_id=x'],
    ['a forged cursor', '?cursor=bm90LWEtY3Vyc29y'],
    ['a negative minimum duration', '?minDurationMs=-1'],
  ])('answers 400 to %s', async (_what, query) => {
    const response = await api.request('GET', `/api/v1/audit-events${query}`);
    expect(response.status, response.text).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('needs an admin key', async () => {
    expect((await api.request('GET', '/api/v1/audit-events', { key: null })).status).toBe(401);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await api.request('GET', '/api/docs-json', { key: null })).body;
    for (const path of [
      '/api/v1/audit-events',
      '/api/v1/audit-events/stream',
      '/api/v1/audit-events/export',
      '/api/v1/stats',
    ]) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
    const params = doc.paths['/api/v1/audit-events'].get.parameters.map((p: any) => p.name);
    expect(params).toEqual(
      expect.arrayContaining(['from', 'to', 'projectId', 'q', 'limit', 'cursor', 'minDurationMs']),
    );
    expect(doc.paths['/api/v1/audit-events'].get.parameters.every((p: any) => p.description)).toBe(true);
  });
});
