import type { PolicyEntry } from '@bastion/contracts';
import { SecretBox } from '@bastion/crypto';
import { remoteDetectorFactory } from '@bastion/guardrail-providers';
import {
  BUILT_IN_DETECTORS,
  CompiledPolicy,
  PlaceholderVault,
  type DetectorFactory,
  type InspectedPayload,
  type PolicyDecision,
} from '@bastion/guardrails';
import { McpError } from '../mcp/mcp-error';
import type { GuardedCall, GuardrailStage } from './guardrail.stage';

/** A guardrail decision worth recording (blocks, redactions, warnings, detector errors). */
export interface GuardrailEvent {
  call: GuardedCall;
  direction: 'input' | 'output';
  policy: PolicyEntry;
  decision: PolicyDecision;
}

/**
 * The detectors policies may use: the built-in ones and `remote` (external guardrail providers).
 * Remote rules' header values travel sealed; `openSecret` (the worker's SecretBox) opens them when
 * the policy compiles. A value not in the sealed format was saved before header values were sealed
 * (or restored from such a backup) and is sent as stored until the api seals it.
 */
export function guardrailDetectors(
  openSecret: (sealed: string) => string,
): ReadonlyMap<string, DetectorFactory> {
  const openHeader = (stored: string) => (SecretBox.isSealed(stored) ? openSecret(stored) : stored);
  return new Map([...BUILT_IN_DETECTORS, ['remote', remoteDetectorFactory(fetch, { openHeader })]]);
}

/** What the stage needs from the serving state and from observability. */
export interface PolicyGuardrailDeps {
  policy(id: string): PolicyEntry | undefined;
  /** Opens sealed secrets (remote rules' header values): a SecretBox under BASTION_MASTER_KEY. */
  openSecret(sealed: string): string;
  onDecision?(event: GuardrailEvent): void;
  /** The detector factories policies compile against (default: `guardrailDetectors(openSecret)`). */
  detectors?: ReadonlyMap<string, DetectorFactory>;
  /** Where monitor-mode evaluations go: a queue every worker drains (see GuardrailMonitorQueue). */
  monitorQueue: MonitorQueue;
}

/** Takes monitor-mode evaluations off the worker that served the call. */
export interface MonitorQueue {
  submit(
    call: GuardedCall,
    direction: InspectedPayload['direction'],
    policy: PolicyEntry,
    inspected: InspectedPayload,
  ): void;
}

/**
 * Runs each server's input and output guardrail policies (compiled once per policy version) on
 * every tool call. PII redacted on the way in is restored in the answer, per call. A policy that
 * is configured but missing from the snapshot fails closed.
 *
 * A policy in monitor mode never changes the call, so it is not evaluated on the call's path: the
 * evaluation goes to `monitorQueue` (BullMQ: any worker evaluates it, `evaluateQueued`) and the decision
 * is reported through `onDecision` there.
 */
export class PolicyGuardrailStage implements GuardrailStage {
  private readonly compiled = new WeakMap<PolicyEntry, CompiledPolicy | Error>();
  private readonly vaults = new WeakMap<GuardedCall, PlaceholderVault>();
  private readonly detectors: ReadonlyMap<string, DetectorFactory>;

  constructor(private readonly deps: PolicyGuardrailDeps) {
    this.detectors = deps.detectors ?? guardrailDetectors((sealed) => deps.openSecret(sealed));
  }

  input(call: GuardedCall, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    const vault = new PlaceholderVault();
    this.vaults.set(call, vault);
    return this.apply(call, 'input', call.server.inputPolicyId, args, vault);
  }

  async output(call: GuardedCall, result: Record<string, unknown>): Promise<Record<string, unknown>> {
    const guarded = await this.apply(call, 'output', call.server.outputPolicyId, result, undefined);
    const vault = this.vaults.get(call);
    return vault ? (vault.restore(guarded) as Record<string, unknown>) : guarded;
  }

  /**
   * Evaluates a monitor-mode policy handed over by the queue (from any worker) and reports the decision;
   * false when the policy is no longer loaded. A policy that cannot compile is reported as failed.
   */
  async evaluateQueued(call: GuardedCall, policyId: string, inspected: InspectedPayload): Promise<boolean> {
    const entry = this.deps.policy(policyId);
    if (!entry) return false;
    const policy = this.compile(entry);
    if (policy instanceof Error) throw policy;
    this.report(call, inspected.direction, policy, await policy.evaluateAsync(inspected));
    return true;
  }

  private async apply(
    call: GuardedCall,
    direction: 'input' | 'output',
    policyId: string | null,
    payload: Record<string, unknown>,
    vault: PlaceholderVault | undefined,
  ): Promise<Record<string, unknown>> {
    if (!policyId) return payload;
    const entry = this.deps.policy(policyId);
    const policy = entry ? this.compile(entry) : new Error(`policy ${policyId} is not loaded`);
    if (policy instanceof Error) {
      throw McpError.of(
        'guardrailBlocked',
        `Blocked: the guardrail policy could not be applied (${policy.message}).`,
      );
    }
    if (!policy.applies(direction)) return payload;
    const inspected: InspectedPayload = {
      direction,
      toolName: call.tool,
      payload,
      inputSchema: call.inputSchema,
    };
    if (policy.entry.mode === 'monitor') {
      this.deps.monitorQueue.submit(call, direction, policy.entry, inspected);
      return payload;
    }
    const decision = await policy.evaluateAsync(inspected, vault);
    this.report(call, direction, policy, decision);
    if (decision.outcome === 'block') {
      throw McpError.of('guardrailBlocked', decision.block?.message, {
        policy: policy.entry.name,
        rule: decision.block?.ruleIndex,
      });
    }
    return decision.payload as Record<string, unknown>;
  }

  private report(
    call: GuardedCall,
    direction: 'input' | 'output',
    policy: CompiledPolicy,
    decision: PolicyDecision,
  ): void {
    if (decision.verdicts.some((verdict) => verdict.fired || verdict.error)) {
      this.deps.onDecision?.({ call, direction, policy: policy.entry, decision });
    }
  }

  private compile(entry: PolicyEntry): CompiledPolicy | Error {
    let compiled = this.compiled.get(entry);
    if (!compiled) {
      try {
        compiled = CompiledPolicy.compile(entry, this.detectors);
      } catch (error) {
        compiled = error instanceof Error ? error : new Error(String(error));
      }
      this.compiled.set(entry, compiled);
    }
    return compiled;
  }
}
