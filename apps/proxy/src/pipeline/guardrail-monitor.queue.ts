import type { JobConsumer, JobProducer, JobQueues } from '@bastion/bus';
import type { PolicyEntry, ServerEntry } from '@bastion/contracts';
import type { InspectedPayload } from '@bastion/guardrails';
import { randomUUID } from 'node:crypto';
import type { GuardedCall } from './guardrail.stage';

/** The BullMQ queue monitor-mode evaluations travel on (drained by every worker). */
export const GUARDRAIL_MONITOR_QUEUE = 'guardrail-monitor';
/** The longest payload (serialized) a monitor job carries; a larger one is not evaluated, and is counted. */
export const MAX_MONITOR_PAYLOAD_CHARS = 1_048_576;
/** Monitor jobs one worker evaluates at once. */
export const DEFAULT_MONITOR_CONCURRENCY = 4;

/** What became of a monitor-mode evaluation (the `result` label of the jobs counter). */
export const MONITOR_RESULTS = ['queued', 'dropped', 'evaluated', 'skipped', 'failed'] as const;
export type MonitorResult = (typeof MONITOR_RESULTS)[number];

/**
 * One monitor-mode evaluation as it sits in Redis: who called what, and the payload sealed under
 * BASTION_MASTER_KEY, so tool arguments and results never rest in Redis in clear.
 */
export interface MonitorJob {
  policyId: string;
  direction: InspectedPayload['direction'];
  call: { projectId: string; keyId: string; sessionId: string; serverId: string; tool: string };
  /** Sealed JSON of `{ payload, inputSchema? }`. */
  sealed: string;
}

/** A job taken off the queue and opened, ready to evaluate. */
export interface OpenedMonitorJob {
  policyId: string;
  call: GuardedCall;
  inspected: InspectedPayload;
}

/** What the queue needs from the worker. */
export interface GuardrailMonitorQueueDeps {
  queues: JobQueues;
  seal(plaintext: string): string;
  open(sealed: string): string;
  /** The server as the worker's current snapshot has it (undefined once it is gone). */
  server(id: string): ServerEntry | undefined;
  /** Evaluates and reports one job; false when its policy is no longer loaded. */
  evaluate(job: OpenedMonitorJob): Promise<boolean>;
  count(result: MonitorResult): void;
  log(level: 'warn' | 'error', message: string, fields: Record<string, unknown>): void;
  concurrency?: number;
}

/**
 * Monitor-mode evaluations off the call's path: the call's worker seals the payload and queues it
 * (BullMQ, or in-process without Redis), and any worker evaluates it and reports the decision like
 * any other (audit event, metrics). A payload over {@link MAX_MONITOR_PAYLOAD_CHARS}, or one Redis
 * refuses, is dropped and counted; the call itself is never slowed or failed.
 */
export class GuardrailMonitorQueue {
  private readonly producer: JobProducer<MonitorJob>;
  private consumer: JobConsumer | undefined;

  constructor(private readonly deps: GuardrailMonitorQueueDeps) {
    this.producer = deps.queues.producer<MonitorJob>(GUARDRAIL_MONITOR_QUEUE, { transient: true });
  }

  /**
   * Queues one evaluation after the current call has moved on (serializing and sealing the payload wait
   * for the next turn of the event loop); never throws, never waits for Redis.
   */
  submit(
    call: GuardedCall,
    direction: InspectedPayload['direction'],
    policy: PolicyEntry,
    inspected: InspectedPayload,
  ): void {
    const dropped = (error?: unknown) => {
      this.deps.count('dropped');
      if (error !== undefined)
        this.deps.log('warn', 'monitor-mode guardrail check not queued', { policy: policy.name, error });
    };
    setImmediate(() => {
      try {
        const job = this.jobOf(call, direction, policy, inspected);
        if (job === undefined) return dropped();
        this.producer.add(randomUUID(), job).then(() => this.deps.count('queued'), dropped);
      } catch (error) {
        dropped(error);
      }
    });
  }

  /** Starts draining the queue on this worker. */
  start(): void {
    this.consumer ??= this.deps.queues.consume(
      GUARDRAIL_MONITOR_QUEUE,
      (data) => this.process(data as MonitorJob),
      {
        concurrency: this.deps.concurrency ?? DEFAULT_MONITOR_CONCURRENCY,
      },
    );
  }

  async stop(): Promise<void> {
    await this.consumer?.close();
    this.consumer = undefined;
  }

  /** Never rejects: a monitor check that cannot run is counted, not retried (it would only record). */
  private async process(job: MonitorJob): Promise<void> {
    try {
      const opened = this.openJob(job);
      const done = opened !== undefined && (await this.deps.evaluate(opened));
      this.deps.count(done ? 'evaluated' : 'skipped');
    } catch (error) {
      this.deps.count('failed');
      this.deps.log('error', 'monitor-mode guardrail check failed', { policy_id: job.policyId, error });
    }
  }

  /** The job to queue, or undefined when the payload is too large to carry. */
  private jobOf(
    call: GuardedCall,
    direction: InspectedPayload['direction'],
    policy: PolicyEntry,
    inspected: InspectedPayload,
  ): MonitorJob | undefined {
    const body = JSON.stringify({ payload: inspected.payload, inputSchema: inspected.inputSchema });
    if (body.length > MAX_MONITOR_PAYLOAD_CHARS) return undefined;
    return {
      policyId: policy.id,
      direction,
      call: {
        projectId: call.projectId,
        keyId: call.keyId,
        sessionId: call.sessionId,
        serverId: call.server.id,
        tool: call.tool,
      },
      sealed: this.deps.seal(body),
    };
  }

  private openJob(job: MonitorJob): OpenedMonitorJob | undefined {
    const server = this.deps.server(job.call.serverId);
    if (!server) return undefined;
    const { payload, inputSchema } = JSON.parse(this.deps.open(job.sealed)) as {
      payload: unknown;
      inputSchema?: Record<string, unknown>;
    };
    const { serverId: _serverId, ...who } = job.call;
    const call: GuardedCall = { ...who, server, inputSchema };
    return {
      policyId: job.policyId,
      call,
      inspected: { direction: job.direction, toolName: job.call.tool, payload, inputSchema },
    };
  }
}
