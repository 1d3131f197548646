import type { GuardrailRule, PolicyEntry } from '@bastion/contracts';
import { BUILT_IN_DETECTORS } from '../detectors/detector.registry';
import type { DetectorFactory, Finding, InspectedPayload, PreparedDetector } from './detector.types';
import type { PlaceholderVault } from './placeholder.vault';
import { redact } from './redaction';

/** What one rule concluded (explainable: which rule, detector, where — never the matched values). */
export interface RuleVerdict {
  index: number;
  detector: string;
  action: GuardrailRule['action'];
  fired: boolean;
  findings: Finding[];
  /** The detector failed; the policy's fail mode decided what happened. */
  error?: string;
}

/** The outcome of a policy on one payload. */
export interface PolicyDecision {
  outcome: 'allow' | 'block';
  /** The payload to forward: redacted when a redact rule fired (enforce mode only). */
  payload: unknown;
  verdicts: RuleVerdict[];
  /** Set when blocked: which rule, and a message safe to show the client. */
  block?: { ruleIndex: number; detector: string; message: string };
  /** Whether the policy only records (monitor mode): nothing was blocked or rewritten. */
  monitorOnly: boolean;
}

/** Raised when a policy cannot be compiled; names every bad rule. */
export class PolicyCompileError extends Error {
  override readonly name = 'PolicyCompileError';
}

interface CompiledRule {
  rule: GuardrailRule;
  detector: PreparedDetector;
}

/**
 * A guardrail policy with every rule's options validated and compiled once. Rules run in order on
 * the payload of their direction; `block` stops, `redact` rewrites and continues, `warn` records.
 * A detector that throws is handled by the policy's fail mode: closed (default) blocks, open allows.
 */
export class CompiledPolicy {
  private constructor(
    readonly entry: PolicyEntry,
    private readonly rules: CompiledRule[],
  ) {}

  static compile(entry: PolicyEntry, detectors: ReadonlyMap<string, DetectorFactory> = BUILT_IN_DETECTORS): CompiledPolicy {
    const problems: string[] = [];
    const rules = entry.rules.flatMap((rule, index) => {
      const factory = detectors.get(rule.detector);
      try {
        if (!factory) throw new Error(`unknown detector "${rule.detector}"`);
        return [{ rule, detector: factory.prepare(rule.options ?? {}) }];
      } catch (error) {
        problems.push(`rules.${index} (${rule.detector}): ${(error as Error).message}`);
        return [];
      }
    });
    if (problems.length > 0) throw new PolicyCompileError(`Policy "${entry.name}" is invalid: ${problems.join('; ')}`);
    return new CompiledPolicy(entry, rules);
  }

  /** Whether any rule looks at this direction (lets callers skip work). */
  applies(direction: InspectedPayload['direction']): boolean {
    return this.rules.some(({ rule }) => rule.direction === 'both' || rule.direction === direction);
  }

  evaluate(input: InspectedPayload, vault?: PlaceholderVault): PolicyDecision {
    const monitorOnly = this.entry.mode === 'monitor';
    const verdicts: RuleVerdict[] = [];
    let payload = input.payload;
    for (const [index, { rule, detector }] of this.rules.entries()) {
      if (rule.direction !== 'both' && rule.direction !== input.direction) continue;
      const verdict = this.run(index, rule, detector, { ...input, payload });
      verdicts.push(verdict);
      if (!verdict.fired || monitorOnly) continue;
      if (rule.action === 'block' || verdict.error) {
        return { outcome: 'block', payload, verdicts, block: blockOf(this.entry.name, verdict), monitorOnly };
      }
      if (rule.action === 'redact') payload = redact(payload, verdict.findings, { vault: rule.detector === 'pii' ? vault : undefined });
    }
    return { outcome: 'allow', payload, verdicts, monitorOnly };
  }

  private run(index: number, rule: GuardrailRule, detector: PreparedDetector, input: InspectedPayload): RuleVerdict {
    const base = { index, detector: rule.detector, action: rule.action };
    try {
      const findings = detector.inspect(input);
      return { ...base, fired: findings.length > 0, findings };
    } catch (error) {
      const failClosed = this.entry.failMode === 'closed';
      return { ...base, fired: failClosed, findings: [], error: (error as Error).message || 'detector failed' };
    }
  }
}

function blockOf(policy: string, verdict: RuleVerdict): NonNullable<PolicyDecision['block']> {
  const what = verdict.error
    ? `the ${verdict.detector} detector failed and the policy fails closed`
    : `${verdict.detector} found ${[...new Set(verdict.findings.map((f) => f.kind))].slice(0, 5).join(', ')}`;
  return {
    ruleIndex: verdict.index,
    detector: verdict.detector,
    message: `Blocked by guardrail policy "${policy}", rule ${verdict.index + 1}: ${what}.`,
  };
}
