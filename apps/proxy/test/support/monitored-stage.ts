import { JobQueues } from '@bastion/bus';
import type { PolicyEntry, ServerEntry } from '@bastion/contracts';
import type { SecretBox } from '@bastion/crypto';
import { TEST_REDIS_URL } from '@bastion/testing';
import { GuardrailMonitorQueue, type MonitorResult } from '../../src/pipeline/guardrail-monitor.queue';
import { PolicyGuardrailStage, type GuardrailEvent } from '../../src/pipeline/policy-guardrail.stage';

/** One worker's guardrail stage and its monitor queue on the test Redis, for the specs. */
export interface MonitoredStage {
  stage: PolicyGuardrailStage;
  queue: GuardrailMonitorQueue;
  queues: JobQueues;
  /** What became of the monitor jobs this worker queued or took. */
  counts: Partial<Record<MonitorResult, number>>;
  /** Decisions this worker reported, in order. */
  decisions: GuardrailEvent[];
}

/**
 * A stage whose monitor-mode evaluations go through a real GuardrailMonitorQueue under `prefix` (workers
 * sharing a prefix share the queue); `onDecision` hears each reported decision after it is recorded.
 */
export function monitoredStage(options: {
  prefix: string;
  box: SecretBox;
  policy(id: string): PolicyEntry | undefined;
  server(id: string): ServerEntry | undefined;
  connectionName: string;
  onDecision?(event: GuardrailEvent): void;
}): MonitoredStage {
  const { box } = options;
  const counts: Partial<Record<MonitorResult, number>> = {};
  const decisions: GuardrailEvent[] = [];
  const queues = new JobQueues({
    url: TEST_REDIS_URL,
    prefix: options.prefix,
    connectionName: options.connectionName,
    log: () => undefined,
  });
  const queue: GuardrailMonitorQueue = new GuardrailMonitorQueue({
    queues,
    seal: (plaintext) => box.seal(plaintext),
    open: (sealed) => box.open(sealed),
    server: (id) => options.server(id),
    evaluate: (job): Promise<boolean> => stage.evaluateQueued(job.call, job.policyId, job.inspected),
    count: (result) => void (counts[result] = (counts[result] ?? 0) + 1),
    log: () => undefined,
  });
  const stage: PolicyGuardrailStage = new PolicyGuardrailStage({
    policy: (id) => options.policy(id),
    openSecret: (sealed) => box.open(sealed),
    onDecision: (event) => {
      decisions.push(event);
      options.onDecision?.(event);
    },
    monitorQueue: queue,
  });
  return { stage, queue, queues, counts, decisions };
}
