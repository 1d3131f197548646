// GET /api/v1/audit-events/stream: a live tail over Server-Sent Events. Events stored through the
// real path (publisher → BullMQ → worker → Postgres → Redis pub/sub → SSE) reach the tails whose
// filter they pass, and only those; closing a tail frees it; shutting the api down ends open tails.
import { TEST_REDIS_URL } from '@bastion/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startApi, useApi } from './api-harness';
import {
  auditEvent,
  openTail,
  startPublisher,
  waitForRowCount,
  type TailClient,
} from './support/audit-support';

const PROJECT_A = randomUUID();
const PROJECT_B = randomUUID();

describe('audit live tail', () => {
  const api = useApi();
  const tails: TailClient[] = [];
  const publisher = () => {
    const started = startPublisher(api, TEST_REDIS_URL);
    closers.push(started.close);
    return started.publisher;
  };
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const tail of tails) tail.close();
    for (const close of closers) await close();
  });
  const tail = async (query: string) => {
    const client = openTail(api, query);
    tails.push(client);
    await client.ready;
    return client;
  };

  it('sends new events that match its filter, and not the others', async () => {
    const byProject = await tail(`?projectId=${PROJECT_A}&type=response`);
    const byText = await tail('?q=needle');
    const events = publisher();
    const otherProject = auditEvent({
      projectId: PROJECT_B,
      type: 'response',
      payload: { text: 'a NEEDLE here' },
    });
    const otherType = auditEvent({ projectId: PROJECT_A, type: 'request' });
    const matching = auditEvent({ projectId: PROJECT_A, type: 'response', server: 'github', durationMs: 3 });
    events.record(otherProject);
    events.record(otherType);
    events.record(matching);
    await vi.waitFor(() => expect(byProject.events).toHaveLength(1), { timeout: 10_000 });
    expect(byProject.events[0]).toMatchObject({
      ...matching,
      errorCode: null,
      insertedAt: expect.any(String),
    });
    await vi.waitFor(() => expect(byText.events.map((event) => event.id)).toEqual([otherProject.id]), {
      timeout: 10_000,
    });

    // Later events keep arriving in order; the ones that do not match never do.
    const second = auditEvent({ projectId: PROJECT_A, type: 'response' });
    events.record(auditEvent({ projectId: PROJECT_B, type: 'response' }));
    events.record(second);
    await vi.waitFor(() => expect(byProject.events).toHaveLength(2), { timeout: 10_000 });
    expect(byProject.events.map((event) => event.id)).toEqual([matching.id, second.id]);
    expect(byText.events).toHaveLength(1);
  });

  it('does not resend events stored again (a re-delivered batch)', async () => {
    const all = await tail('?server=again');
    const connection = startPublisher(api, TEST_REDIS_URL);
    closers.push(connection.close);
    const batch = [auditEvent({ server: 'again' }), auditEvent({ server: 'again' })];
    await connection.sink.send(batch);
    await waitForRowCount(api, 2, "server = 'again'");
    await vi.waitFor(() => expect(all.events).toHaveLength(2), { timeout: 10_000 });
    await connection.sink.send([...batch].reverse()); // a new job id, the same events
    const sentinel = auditEvent({ server: 'again' });
    await connection.sink.send([sentinel]);
    await vi.waitFor(() => expect(all.events).toHaveLength(3), { timeout: 10_000 });
    expect(all.events.at(-1).id).toBe(sentinel.id);
  });

  it('frees a tail when the client leaves', async () => {
    const metric = async () =>
      Number(
        (await api.request('GET', '/metrics', { key: null })).text.match(
          /bastion_audit_tail_streams\{[^}]*\} (\d+)/,
        )?.[1],
      );
    const open = await metric();
    const client = await tail('?server=leaving');
    expect(await metric()).toBe(open + 1);
    client.close();
    await vi.waitFor(async () => expect(await metric()).toBe(open), { timeout: 5_000 });
  });

  it('answers 400 to a bad filter and 401 without a key, before streaming', async () => {
    const bad = await api.request('GET', '/api/v1/audit-events/stream?type=bogus');
    expect(bad.status).toBe(400);
    const window = await api.request('GET', '/api/v1/audit-events/stream?from=2026-01-01T00:00:00Z');
    expect(window.status).toBe(400); // a tail has no window
    expect((await api.request('GET', '/api/v1/audit-events/stream', { key: null })).status).toBe(401);
  });
});

describe('audit live tail at shutdown', () => {
  it('ends open tails so the api closes promptly', async () => {
    const api = await startApi();
    const client = openTail(api, '');
    await client.ready;
    const started = Date.now();
    await api.close();
    await client.ended;
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
