// Monitor-mode evaluations through BullMQ on the real test Redis: one "worker" queues the sealed
// payload, another evaluates it and reports the decision; nothing readable is left in Redis.
import { JobQueues } from '@bastion/bus';
import type { PolicyEntry, ServerEntry } from '@bastion/contracts';
import { SecretBox } from '@bastion/crypto';
import { TEST_REDIS_URL, testServerEntry, uniqueSuffix } from '@bastion/testing';
import { Redis } from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  GuardrailMonitorQueue,
  MAX_MONITOR_PAYLOAD_CHARS,
  type MonitorResult,
} from './guardrail-monitor.queue';
import type { GuardedCall } from './guardrail.stage';
import { monitoredStage } from '../../test/support/monitored-stage';
import { PolicyGuardrailStage } from './policy-guardrail.stage';

const SECRET = `ghp_${'Zx9'.repeat(12)}`;

const monitorPolicy: PolicyEntry = {
  id: randomUUID(),
  name: 'secrets-monitor',
  mode: 'monitor',
  failMode: 'closed',
  rules: [{ detector: 'secrets', action: 'block', direction: 'both', options: {} }],
};

/** One worker's stage and queue, sharing the policies, servers and Redis prefix of the others. */
function worker(
  prefix: string,
  box: SecretBox,
  policies: Map<string, PolicyEntry>,
  servers: Map<string, ServerEntry>,
) {
  return monitoredStage({
    prefix,
    box,
    policy: (id) => policies.get(id),
    server: (id) => servers.get(id),
    connectionName: 'monitor-spec',
  });
}

describe(GuardrailMonitorQueue.name, () => {
  const prefix = `test:${uniqueSuffix()}:`;
  const box = new SecretBox(randomBytes(32));
  const policies = new Map([[monitorPolicy.id, monitorPolicy]]);
  const server = testServerEntry({ inputPolicyId: monitorPolicy.id, outputPolicyId: monitorPolicy.id });
  const servers = new Map([[server.id, server]]);
  const caller = worker(prefix, box, policies, servers);
  const evaluator = worker(prefix, box, policies, servers);
  const redis = new Redis(TEST_REDIS_URL);
  const call: GuardedCall = {
    projectId: randomUUID(),
    keyId: randomUUID(),
    sessionId: randomUUID(),
    server,
    tool: 'echo',
  };

  /** Every key and value under the prefix, as text. */
  async function redisText(): Promise<string> {
    const keys = await redis.keys(`${prefix}*`);
    const parts: string[] = [...keys];
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
      if (type === 'string') parts.push((await redis.get(key)) ?? '');
      if (type === 'list') parts.push(...(await redis.lrange(key, 0, -1)));
    }
    return parts.join('\n');
  }

  afterAll(async () => {
    await Promise.all([caller, evaluator].map(async (w) => (await w.queue.stop(), await w.queues.close())));
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('answers at once, queues the payload sealed, and another worker evaluates and reports it', async () => {
    const args = { message: `deploy with ${SECRET}` };
    await expect(caller.stage.input(call, args)).resolves.toBe(args);
    await vi.waitFor(() => expect(caller.counts.queued).toBe(1));
    // Queued, not yet taken: the job is in Redis, its payload is not readable there.
    const stored = await redisText();
    expect(stored).toContain('guardrail-monitor');
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain('deploy with');

    evaluator.queue.start();
    await vi.waitFor(() => expect(evaluator.decisions).toHaveLength(1), { timeout: 10_000 });
    const [event] = evaluator.decisions;
    expect(event).toMatchObject({
      direction: 'input',
      policy: { name: 'secrets-monitor' },
      decision: { outcome: 'allow', monitorOnly: true },
      call: { projectId: call.projectId, sessionId: call.sessionId, tool: 'echo', server: { id: server.id } },
    });
    expect(event?.decision.verdicts[0]).toMatchObject({ detector: 'secrets', fired: true });
    expect(JSON.stringify(event?.decision.verdicts)).not.toContain(SECRET);
    expect(evaluator.counts.evaluated).toBe(1);
    expect(caller.decisions).toEqual([]);
    // Done jobs are deleted (transient), so nothing of the payload stays behind.
    await vi.waitFor(async () => {
      const jobKeys = (await redis.keys(`${prefix}bull:guardrail-monitor:*`)).filter((key) =>
        /-\w{4}-/.test(key),
      );
      expect(jobKeys).toEqual([]);
    });
  });

  it('drops and counts a payload too large to queue, and skips a job whose policy is gone', async () => {
    const huge = { message: 'x'.repeat(MAX_MONITOR_PAYLOAD_CHARS + 1) };
    await expect(caller.stage.output(call, huge)).resolves.toBe(huge);
    await vi.waitFor(() => expect(caller.counts.dropped).toBe(1));

    const gone: PolicyEntry = { ...monitorPolicy, id: randomUUID(), name: 'short-lived' };
    policies.set(gone.id, gone);
    const goneServer = testServerEntry({ inputPolicyId: gone.id });
    servers.set(goneServer.id, goneServer);
    const before = evaluator.counts.skipped ?? 0;
    await evaluator.queue.stop();
    await caller.stage.input({ ...call, server: goneServer }, { message: SECRET });
    await vi.waitFor(() => expect(caller.counts.queued).toBe(2));
    policies.delete(gone.id);
    evaluator.queue.start();
    await vi.waitFor(() => expect(evaluator.counts.skipped).toBe(before + 1), { timeout: 10_000 });
    expect(evaluator.decisions).toHaveLength(1);
  });

  it('never fails the call when Redis refuses the job: it is dropped and counted', async () => {
    const unreachable = new JobQueues({
      url: 'redis://127.0.0.1:1',
      prefix,
      connectionName: 'monitor-spec-down',
      log: () => undefined,
    });
    const counts: Partial<Record<MonitorResult, number>> = {};
    const queue = new GuardrailMonitorQueue({
      queues: unreachable,
      seal: (plaintext) => box.seal(plaintext),
      open: (sealed) => box.open(sealed),
      server: (id) => servers.get(id),
      evaluate: () => Promise.resolve(true),
      count: (result) => void (counts[result] = (counts[result] ?? 0) + 1),
      log: () => undefined,
    });
    const stage = new PolicyGuardrailStage({
      policy: (id) => policies.get(id),
      openSecret: (sealed) => box.open(sealed),
      monitorQueue: queue,
    });
    const args = { message: 'hello' };
    await expect(stage.input(call, args)).resolves.toBe(args);
    await vi.waitFor(() => expect(counts.dropped).toBe(1), { timeout: 10_000 });
    await unreachable.close();
  });
});
