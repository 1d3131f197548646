import { AuditPublisher, BullMqAuditSink, createRedis, type AuditPublisherOptions } from '@bastion/bus';
import type { AuditEvent } from '@bastion/contracts';
import { randomUUID } from 'node:crypto';
import { expect, vi } from 'vitest';
import type { ApiHarness } from '../api-harness';

/** A valid audit event; `overrides` win. Times default to now. */
export function auditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: randomUUID(),
    time: new Date().toISOString(),
    type: 'request',
    method: 'tools/call',
    ...overrides,
  };
}

/** A publisher as a proxy worker would run one: BullMQ on its own connection to `redisUrl`. */
export function startPublisher(
  api: Pick<ApiHarness, 'redisPrefix'>,
  redisUrl: string,
  options: Partial<Omit<AuditPublisherOptions, 'sink'>> = {},
) {
  const connection = createRedis({ url: redisUrl, connectionName: 'audit-test-publisher' });
  const sink = new BullMqAuditSink(connection, {
    prefix: api.redisPrefix,
    sendTimeoutMs: 2_000,
    readyWaitMs: 200,
  });
  const publisher = new AuditPublisher({ sink, flushIntervalMs: 50, maxRetryDelayMs: 200, ...options });
  return {
    publisher,
    sink,
    close: async () => {
      await publisher.close(2_000);
      connection.disconnect();
    },
  };
}

/** Waits until `audit_events` holds `count` rows (matching `where`, SQL), then returns that count. */
export async function waitForRowCount(api: ApiHarness, count: number, where = 'TRUE', timeout = 15_000) {
  await vi.waitFor(
    async () => {
      const { rows } = await api.query(`SELECT count(*)::int AS n FROM audit_events WHERE ${where}`);
      expect(rows[0].n).toBe(count);
    },
    { timeout, interval: 100 },
  );
}

/** Reads a streamed body chunk by chunk (nothing kept but what `onText` keeps). */
export async function consumeText(response: Response, onText: (text: string) => void): Promise<void> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    onText(value);
  }
}

/** A live-tail client: SSE frames parsed as they arrive. */
export interface TailClient {
  /** Resolves when the server sent `event: ready`. */
  ready: Promise<void>;
  /** Data events received so far. */
  events: any[];
  /** Named events received (ready, dropped...), with their data. */
  named: Array<{ event: string; data: string }>;
  comments: string[];
  /** Resolves when the stream ends (server side or `close()`). */
  ended: Promise<void>;
  close(): void;
}

export function openTail(api: ApiHarness, query: string): TailClient {
  const abort = new AbortController();
  const client = {
    events: [] as any[],
    named: [] as Array<{ event: string; data: string }>,
    comments: [] as string[],
  };
  let onReady!: () => void;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const ended = (async () => {
    const response = await fetch(`${api.baseUrl}/api/v1/audit-events/stream${query}`, {
      headers: { authorization: `Bearer ${api.adminKey}`, accept: 'text/event-stream' },
      signal: abort.signal,
    });
    expect(response.status, await peekError(response)).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    let buffer = '';
    await consumeText(response, (text) => {
      buffer += text;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = parseFrame(frame);
        if (fields.comment !== undefined) client.comments.push(fields.comment);
        if (fields.event === 'ready') onReady();
        if (fields.event) client.named.push({ event: fields.event, data: fields.data ?? '' });
        else if (fields.data !== undefined) client.events.push(JSON.parse(fields.data));
      }
    }).catch(() => undefined); // aborted by close()
  })();
  return { ...client, ready, ended, close: () => abort.abort() };
}

async function peekError(response: Response): Promise<string> {
  return response.status === 200 ? '' : await response.text();
}

function parseFrame(frame: string): { event?: string; data?: string; comment?: string } {
  const fields: { event?: string; data?: string; comment?: string } = {};
  for (const line of frame.split('\n')) {
    if (line.startsWith(':')) fields.comment = line.slice(1).trim();
    else if (line.startsWith('event: ')) fields.event = line.slice(7);
    else if (line.startsWith('data: ')) fields.data = line.slice(6);
  }
  return fields;
}
