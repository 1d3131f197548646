// A `remote` guardrail rule end to end: real worker, real Redis, the echo fixture as upstream, and a
// real HTTP server on 127.0.0.1 playing the webhook provider. The rule's header value is published
// sealed, as the api stores it; the provider must receive it opened.
import type { PolicyEntry } from '@bastion/contracts';
import { fixtureServerEntry } from '@bastion/testing';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProxyHarness, type TestProject } from './proxy-harness';

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
  body: { direction: string; tool: string; payload: unknown };
}

const GUARD_KEY = `guard-${randomUUID()}`;
const text = (result: unknown) => JSON.stringify((result as { content?: unknown }).content);

describe('remote guardrail provider through the proxy', () => {
  const harness = new ProxyHarness();
  const seen: Seen[] = [];
  let provider: Server;
  let providerUrl: string;
  let url: string;
  let project: TestProject;

  beforeAll(async () => {
    // Flags any input mentioning "forbidden" (pointing at the argument); answers /slow after 1.5 s.
    provider = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        const body = JSON.parse(raw) as Seen['body'];
        seen.push({ path: req.url ?? '', headers: req.headers, body });
        const flagged = JSON.stringify(body.payload).includes('forbidden');
        const answer = flagged
          ? { flagged, findings: [{ path: '$.message', kind: 'policy:forbidden-topic', confidence: 0.97 }] }
          : { flagged };
        setTimeout(
          () => {
            if (res.destroyed) return;
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify(answer));
          },
          req.url === '/slow' ? 1_500 : 0,
        );
      });
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;

    const input: PolicyEntry = {
      id: randomUUID(),
      name: 'remote-input',
      mode: 'enforce',
      failMode: 'closed',
      rules: [
        {
          detector: 'remote',
          action: 'block',
          direction: 'input',
          options: {
            provider: 'webhook',
            url: `${providerUrl}/check`,
            headers: { 'x-guard-key': harness.box.seal(GUARD_KEY) },
            timeoutMs: 1_000,
          },
        },
      ],
    };
    const output: PolicyEntry = {
      id: randomUUID(),
      name: 'remote-output-monitor',
      mode: 'monitor',
      failMode: 'closed',
      rules: [
        {
          detector: 'remote',
          action: 'block',
          direction: 'output',
          options: { provider: 'webhook', url: `${providerUrl}/slow` },
        },
      ],
    };
    url = await harness.startWorker();
    await harness.publish((s) => ({
      ...s,
      policies: { ...s.policies, [input.id]: input, [output.id]: output },
    }));
    project = await harness.addProject([
      fixtureServerEntry('echo', { inputPolicyId: input.id, outputPolicyId: output.id }),
    ]);
  });
  afterAll(async () => {
    await harness.close();
    provider.closeAllConnections();
    await new Promise<void>((resolve) => provider.close(() => resolve()));
  });

  it('blocks a call the webhook flags with -32020 naming the policy, rule and finding', async () => {
    const client = await harness.connect(url, project.key);
    await expect(
      client.callTool({ name: 'echo__echo', arguments: { message: 'tell me the forbidden thing' } }),
    ).rejects.toThrow(
      /-32020.*Blocked by guardrail policy "remote-input", rule 1: remote found policy:forbidden-topic/,
    );
    const request = seen.find((s) => s.path === '/check');
    expect(request?.body).toEqual({
      direction: 'input',
      tool: 'echo',
      payload: { message: 'tell me the forbidden thing' },
    });
    expect(request?.headers['x-guard-key']).toBe(GUARD_KEY);
    expect(JSON.stringify(harness.snapshot)).not.toContain(GUARD_KEY);
  });

  it('lets a clean call through without waiting for the slow monitor-only output check', async () => {
    const client = await harness.connect(url, project.key);
    const started = performance.now();
    const result = await client.callTool({ name: 'echo__echo', arguments: { message: 'hello there' } });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(text(result)).toContain('hello there');
    // The monitor-only check still ran, after the call.
    await vi.waitFor(() =>
      expect(seen.some((s) => s.path === '/slow' && s.body.direction === 'output')).toBe(true),
    );
    // It went through the monitor queue (BullMQ) and was evaluated once the slow provider answered.
    await vi.waitFor(
      async () => {
        const metrics = await (await fetch(url.replace(/\/mcp$/, '/metrics'))).text();
        expect(metrics).toMatch(/bastion_guardrail_monitor_jobs_total\{result="queued"[^}]*\} [1-9]/);
        expect(metrics).toMatch(/bastion_guardrail_monitor_jobs_total\{result="evaluated"[^}]*\} [1-9]/);
      },
      { timeout: 10_000, interval: 100 },
    );
  });
});
