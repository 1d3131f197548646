import type { PolicyEntry } from '@bastion/contracts';
import { CompiledPolicy, PlaceholderVault, type PolicyDecision } from '@bastion/guardrails';
import { McpError } from '../mcp/mcp-error';
import type { GuardedCall, GuardrailStage } from './guardrail.stage';

/** A guardrail decision worth recording (blocks, redactions, warnings, detector errors). */
export interface GuardrailEvent {
  call: GuardedCall;
  direction: 'input' | 'output';
  policy: PolicyEntry;
  decision: PolicyDecision;
}

/** What the stage needs from the serving state and from observability. */
export interface PolicyGuardrailDeps {
  policy(id: string): PolicyEntry | undefined;
  onDecision?(event: GuardrailEvent): void;
}

/**
 * Runs each server's input and output guardrail policies (compiled once per policy version) on
 * every tool call. PII redacted on the way in is restored in the answer, per call. A policy that
 * is configured but missing from the snapshot fails closed.
 */
export class PolicyGuardrailStage implements GuardrailStage {
  private readonly compiled = new WeakMap<PolicyEntry, CompiledPolicy | Error>();
  private readonly vaults = new WeakMap<GuardedCall, PlaceholderVault>();

  constructor(private readonly deps: PolicyGuardrailDeps) {}

  input(call: GuardedCall, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    const vault = new PlaceholderVault();
    this.vaults.set(call, vault);
    return Promise.resolve(this.apply(call, 'input', call.server.inputPolicyId, args, vault));
  }

  output(call: GuardedCall, result: Record<string, unknown>): Promise<Record<string, unknown>> {
    const guarded = this.apply(call, 'output', call.server.outputPolicyId, result, undefined);
    const vault = this.vaults.get(call);
    return Promise.resolve(vault ? (vault.restore(guarded) as Record<string, unknown>) : guarded);
  }

  private apply(
    call: GuardedCall,
    direction: 'input' | 'output',
    policyId: string | null,
    payload: Record<string, unknown>,
    vault: PlaceholderVault | undefined,
  ): Record<string, unknown> {
    if (!policyId) return payload;
    const entry = this.deps.policy(policyId);
    const policy = entry ? this.compile(entry) : new Error(`policy ${policyId} is not loaded`);
    if (policy instanceof Error) {
      throw McpError.of('guardrailBlocked', `Blocked: the guardrail policy could not be applied (${policy.message}).`);
    }
    if (!policy.applies(direction)) return payload;
    const decision = policy.evaluate(
      { direction, toolName: call.tool, payload, inputSchema: call.inputSchema },
      vault,
    );
    if (decision.verdicts.some((verdict) => verdict.fired || verdict.error)) {
      this.deps.onDecision?.({ call, direction, policy: policy.entry, decision });
    }
    if (decision.outcome === 'block') {
      throw McpError.of('guardrailBlocked', decision.block?.message, { policy: policy.entry.name, rule: decision.block?.ruleIndex });
    }
    return decision.payload as Record<string, unknown>;
  }

  private compile(entry: PolicyEntry): CompiledPolicy | Error {
    let compiled = this.compiled.get(entry);
    if (!compiled) {
      try {
        compiled = CompiledPolicy.compile(entry);
      } catch (error) {
        compiled = error instanceof Error ? error : new Error(String(error));
      }
      this.compiled.set(entry, compiled);
    }
    return compiled;
  }
}
