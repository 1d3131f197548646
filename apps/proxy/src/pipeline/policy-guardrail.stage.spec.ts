// The guardrail stage with the remote detector against a real local HTTP server: enforce-mode
// policies are awaited on the call path, monitor-mode ones go through the monitor queue (BullMQ on the
// test Redis) and only report; sealed header values reach the provider opened.
import type { PolicyEntry, ServerEntry } from '@bastion/contracts';
import { SecretBox } from '@bastion/crypto';
import { TEST_REDIS_URL, testServerEntry, uniqueSuffix } from '@bastion/testing';
import { Redis } from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { McpError } from '../mcp/mcp-error';
import type { GuardedCall } from './guardrail.stage';
import { monitoredStage, type MonitoredStage } from '../../test/support/monitored-stage';

/** A webhook provider that flags payloads containing "bad", after `delayMs`. */
async function startWebhook(): Promise<{
  url: string;
  delayMs: number;
  requests: number;
  /** The Authorization header of the last request. */
  authorization: string | undefined;
  close(): Promise<void>;
}> {
  const state = {
    url: '',
    delayMs: 0,
    requests: 0,
    authorization: undefined as string | undefined,
    close: () => Promise.resolve(),
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      state.requests += 1;
      state.authorization = req.headers.authorization;
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ flagged: body.includes('bad') }));
      }, state.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/guard`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

const policy = (
  mode: PolicyEntry['mode'],
  url: string,
  options: Record<string, unknown> = {},
): PolicyEntry => ({
  id: randomUUID(),
  name: `remote-${mode}`,
  mode,
  failMode: 'closed',
  rules: [
    {
      detector: 'remote',
      action: 'block',
      direction: 'both',
      options: { provider: 'webhook', url, ...options },
    },
  ],
});

/** The servers calls go to, for the monitor queue to find again when it evaluates a job. */
const servers = new Map<string, ServerEntry>();

function callTo(inputPolicyId: string | null, outputPolicyId: string | null = null): GuardedCall {
  const server = testServerEntry({ inputPolicyId, outputPolicyId });
  servers.set(server.id, server);
  return { projectId: randomUUID(), keyId: randomUUID(), sessionId: randomUUID(), server, tool: 'search' };
}

const box = new SecretBox(randomBytes(32));
/** Each stage gets a queue of its own under this prefix (a worker drains only its own stage's jobs). */
const prefix = `test:${uniqueSuffix()}:`;
const running: MonitoredStage[] = [];

/** A stage whose monitor queue, on the test Redis, this same worker drains. */
function stageWith(policies: PolicyEntry[]) {
  const waiters: Array<() => void> = [];
  const worker = monitoredStage({
    prefix: `${prefix}${running.length}:`,
    box,
    policy: (id) => policies.find((p) => p.id === id),
    server: (id) => servers.get(id),
    connectionName: 'stage-spec',
    onDecision: () => waiters.shift()?.(),
  });
  worker.queue.start();
  running.push(worker);
  const nextDecision = () => new Promise<void>((resolve) => waiters.push(resolve));
  return { stage: worker.stage, events: worker.decisions, counts: worker.counts, nextDecision };
}

afterAll(async () => {
  for (const { queue, queues } of running) {
    await queue.stop();
    await queues.close();
  }
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe('PolicyGuardrailStage with a remote provider', () => {
  let webhook: Awaited<ReturnType<typeof startWebhook>>;
  beforeAll(async () => {
    webhook = await startWebhook();
  });
  afterAll(() => webhook.close());

  it('awaits an enforce-mode remote rule and blocks with -32020', async () => {
    webhook.delayMs = 0;
    const enforce = policy('enforce', webhook.url);
    const { stage, events } = stageWith([enforce]);
    await expect(stage.input(callTo(enforce.id), { q: 'fine' })).resolves.toEqual({ q: 'fine' });
    const blocked = stage.input(callTo(enforce.id), { q: 'a bad thing' });
    await expect(blocked).rejects.toBeInstanceOf(McpError);
    await expect(blocked).rejects.toMatchObject({
      code: -32020,
      message: 'Blocked by guardrail policy "remote-enforce", rule 1: remote found webhook:flagged.',
    });
    expect(events).toHaveLength(1);
  });

  it('does not slow the call with a slow provider in a monitor policy, and still reports the decision', async () => {
    webhook.delayMs = 700;
    const monitor = policy('monitor', webhook.url);
    const { stage, events, counts, nextDecision } = stageWith([monitor]);
    const reported = nextDecision();
    const started = performance.now();
    const args = { q: 'a bad thing' };
    await expect(stage.input(callTo(monitor.id), args)).resolves.toBe(args);
    expect(performance.now() - started).toBeLessThan(350);
    expect(events).toEqual([]);

    await reported;
    expect(performance.now() - started).toBeGreaterThanOrEqual(650);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ direction: 'input', policy: { name: 'remote-monitor' } });
    expect(events[0]?.decision).toMatchObject({
      outcome: 'allow',
      monitorOnly: true,
      verdicts: [{ detector: 'remote', fired: true }],
    });
    await vi.waitFor(() => expect(counts).toEqual({ queued: 1, evaluated: 1 }));
  });

  it('runs monitor output policies after the call too, reporting a provider timeout as an error verdict', async () => {
    webhook.delayMs = 1_500;
    const monitor = policy('monitor', webhook.url, { timeoutMs: 600 });
    const { stage, events, nextDecision } = stageWith([monitor]);
    const reported = nextDecision();
    const result = { content: [{ type: 'text', text: 'ok' }] };
    const started = performance.now();
    await expect(stage.output(callTo(null, monitor.id), result)).resolves.toEqual(result);
    expect(performance.now() - started).toBeLessThan(300);
    await reported;
    expect(events[0]?.direction).toBe('output');
    expect(events[0]?.decision.outcome).toBe('allow');
    expect(events[0]?.decision.verdicts[0]?.error).toMatch(
      /timed out after 600 ms|did not answer within 600 ms/,
    );
  });

  it('opens sealed header values for the provider; a value saved before sealing is sent as stored', async () => {
    webhook.delayMs = 0;
    const token = `Bearer sk-${randomBytes(12).toString('hex')}`;
    const sealed = policy('enforce', webhook.url, { headers: { Authorization: box.seal(token) } });
    const legacy = policy('enforce', webhook.url, { headers: { Authorization: `${token}-legacy` } });
    const { stage } = stageWith([sealed, legacy]);
    await stage.input(callTo(sealed.id), { q: 'fine' });
    expect(webhook.authorization).toBe(token);
    await stage.input(callTo(legacy.id), { q: 'fine' });
    expect(webhook.authorization).toBe(`${token}-legacy`);
  });

  it('blocks, without calling the provider, when a header value was sealed under another key', async () => {
    const foreign = new SecretBox(randomBytes(32)).seal('Bearer elsewhere');
    const entry = policy('enforce', webhook.url, { headers: { Authorization: foreign } });
    const { stage } = stageWith([entry]);
    const before = webhook.requests;
    const blocked = stage.input(callTo(entry.id), { q: 'fine' });
    await expect(blocked).rejects.toMatchObject({ code: -32020 });
    await expect(blocked).rejects.toThrow(/could not be applied.*options\.headers could not be opened/);
    expect(webhook.requests).toBe(before);
  });
});
