import { JobQueues } from '@bastion/bus';
import type { ToolDiscovery } from '@bastion/contracts';
import { uniqueSuffix } from '@bastion/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ToolDiscoveryReporter, type DiscoveryDraft } from './tool-discovery.reporter';

const draft = (overrides: Partial<DiscoveryDraft> = {}): DiscoveryDraft => ({
  configId: randomUUID(),
  serverId: randomUUID(),
  toolName: 'tool',
  hash: 'a'.repeat(64),
  definition: { name: 'tool' },
  change: 'new',
  heldBack: false,
  findings: [],
  ...overrides,
});

async function settle(check: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe(ToolDiscoveryReporter.name, () => {
  const prefix = `test:${uniqueSuffix()}:`;
  const queues = new JobQueues({
    url: undefined,
    prefix,
    connectionName: 'reporter-spec',
    log: () => undefined,
  });
  const received: ToolDiscovery[] = [];
  queues.consume('reports', (payload) => {
    received.push(payload as ToolDiscovery);
    return Promise.resolve();
  });
  afterAll(() => queues.close());

  it('reports each (server, tool, hash) once, and again after the pin is forgotten', async () => {
    const reporter = new ToolDiscoveryReporter({
      producer: queues.producer('reports'),
      workerId: 'w1',
      log: () => undefined,
    });
    const first = draft();
    reporter.report(first, 'x__tool');
    reporter.report({ ...first, change: 'changed' }, 'x__tool');
    reporter.report({ ...first, hash: 'b'.repeat(64), change: 'changed' }, 'x__tool');
    await settle(() => received.length >= 2);
    expect(received.map((r) => [r.hash[0], r.change])).toEqual([
      ['a', 'new'],
      ['b', 'changed'],
    ]);
    reporter.forget(first.serverId, first.toolName);
    reporter.report(first, 'x__tool');
    await settle(() => received.length >= 3);
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.id)).size).toBe(3);
  });

  it('sends a report again when queueing it failed', async () => {
    const down = new JobQueues({
      url: 'redis://127.0.0.1:1',
      prefix,
      connectionName: 'reporter-spec-down',
      log: () => undefined,
    });
    const warnings: string[] = [];
    const reporter = new ToolDiscoveryReporter({
      producer: down.producer('reports'),
      workerId: 'w2',
      log: (level, message) => void (level === 'warn' && warnings.push(message)),
    });
    const report = draft();
    reporter.report(report, 'x__tool');
    await settle(() => warnings.includes('cannot report tool discoveries yet; retrying on the next listing'));
    expect(warnings).toContain('cannot report tool discoveries yet; retrying on the next listing');
    // Forgotten on failure: the next listing tries again (and logs nothing new while still failing).
    reporter.report(report, 'x__tool');
    expect(warnings.filter((w) => w === 'tool held back' || w.startsWith('cannot'))).toHaveLength(1);
    await down.close();
  });
});
