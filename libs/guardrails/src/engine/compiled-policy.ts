import type { GuardrailRule, PolicyEntry } from '@bastion/contracts';
import { BUILT_IN_DETECTORS } from '../detectors/detector.registry';
import type { DetectorFactory, Finding, InspectedPayload, PreparedDetector } from './detector.types';
import type { PlaceholderVault } from './placeholder.vault';
import { redact } from './redaction';

/** How long an async rule may take unless its `options.timeoutMs` says otherwise. */
export const DEFAULT_ASYNC_RULE_TIMEOUT_MS = 2_000;
/** The longest `options.timeoutMs` a rule may ask for. */
export const MAX_ASYNC_RULE_TIMEOUT_MS = 30_000;

/** What one rule concluded (explainable: which rule, detector, where — never the matched values). */
export interface RuleVerdict {
  index: number;
  detector: string;
  action: GuardrailRule['action'];
  fired: boolean;
  findings: Finding[];
  /** The detector failed or timed out; the rule's (or else the policy's) fail mode decided what happened. */
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

/** Options of one asynchronous evaluation. */
export interface EvaluateAsyncOptions {
  /** Aborts every detector still running (their verdicts become errors, handled by the fail mode). */
  signal?: AbortSignal;
}

/** Raised when a policy cannot be compiled; names every bad rule. */
export class PolicyCompileError extends Error {
  override readonly name = 'PolicyCompileError';
}

type FailMode = PolicyEntry['failMode'];

interface CompiledRule {
  index: number;
  rule: GuardrailRule;
  detector: PreparedDetector;
  /** The rule's `options.failMode`, else the policy's. */
  failMode: FailMode;
  /** Whether the fail mode comes from the rule itself (said so in block messages). */
  ownFailMode: boolean;
  /** Set for async rules: how long the detector may take. */
  timeoutMs?: number;
}

/** The engine-level options every rule may carry next to its detector's own. */
function ruleRuntime(
  rule: GuardrailRule,
  policyFailMode: FailMode,
): { failMode: FailMode; ownFailMode: boolean; timeoutMs: number } {
  const options = rule.options ?? {};
  const failMode = options['failMode'];
  if (failMode !== undefined && failMode !== 'open' && failMode !== 'closed') {
    throw new Error('options.failMode must be "open" or "closed".');
  }
  const timeoutMs = options['timeoutMs'];
  if (
    timeoutMs !== undefined &&
    (typeof timeoutMs !== 'number' ||
      !Number.isInteger(timeoutMs) ||
      timeoutMs <= 0 ||
      timeoutMs > MAX_ASYNC_RULE_TIMEOUT_MS)
  ) {
    throw new Error(`options.timeoutMs must be an integer between 1 and ${MAX_ASYNC_RULE_TIMEOUT_MS}.`);
  }
  return {
    failMode: failMode ?? policyFailMode,
    ownFailMode: failMode !== undefined,
    timeoutMs: timeoutMs ?? DEFAULT_ASYNC_RULE_TIMEOUT_MS,
  };
}

const appliesTo = (rule: GuardrailRule, direction: InspectedPayload['direction']) =>
  rule.direction === 'both' || rule.direction === direction;

/** Where one evaluation stands between rules. */
interface Progress {
  payload: unknown;
  verdicts: RuleVerdict[];
}

/**
 * A guardrail policy with every rule's options validated and compiled once. Rules run in order on
 * the payload of their direction; `block` stops, `redact` rewrites and continues, `warn` records.
 * A detector that throws (or an async one that fails or times out) is handled by the rule's
 * `options.failMode` when set, else by the policy's: closed (default) blocks, open allows.
 *
 * Policies made only of synchronous detectors are evaluated with `evaluate` (or `evaluateAsync`,
 * which then adds nothing but a resolved promise). Policies with async detectors (remote providers)
 * need `evaluateAsync`: sync rules run as before, async ones are awaited with the rule's timeout.
 */
export class CompiledPolicy {
  /** Whether any rule has an asynchronous detector (only `evaluateAsync` can run this policy). */
  readonly hasAsyncRules: boolean;

  private constructor(
    readonly entry: PolicyEntry,
    private readonly rules: CompiledRule[],
  ) {
    this.hasAsyncRules = rules.some((compiled) => compiled.timeoutMs !== undefined);
  }

  static compile(
    entry: PolicyEntry,
    detectors: ReadonlyMap<string, DetectorFactory> = BUILT_IN_DETECTORS,
  ): CompiledPolicy {
    const problems: string[] = [];
    const rules = entry.rules.flatMap((rule, index): CompiledRule[] => {
      const factory = detectors.get(rule.detector);
      try {
        if (!factory) throw new Error(`unknown detector "${rule.detector}"`);
        const runtime = ruleRuntime(rule, entry.failMode);
        const detector = factory.prepare(rule.options ?? {});
        const isAsync = typeof detector.inspectAsync === 'function';
        return [
          {
            index,
            rule,
            detector,
            failMode: runtime.failMode,
            ownFailMode: runtime.ownFailMode,
            timeoutMs: isAsync ? runtime.timeoutMs : undefined,
          },
        ];
      } catch (error) {
        problems.push(`rules.${index} (${rule.detector}): ${(error as Error).message}`);
        return [];
      }
    });
    if (problems.length > 0)
      throw new PolicyCompileError(`Policy "${entry.name}" is invalid: ${problems.join('; ')}`);
    return new CompiledPolicy(entry, rules);
  }

  /** Whether any rule looks at this direction (lets callers skip work). */
  applies(direction: InspectedPayload['direction']): boolean {
    return this.rules.some(({ rule }) => appliesTo(rule, direction));
  }

  /** Runs a policy of synchronous detectors. Throws when the policy has async rules (use `evaluateAsync`). */
  evaluate(input: InspectedPayload, vault?: PlaceholderVault): PolicyDecision {
    if (this.hasAsyncRules) {
      throw new Error(
        `Guardrail policy "${this.entry.name}" has asynchronous (remote) detectors: evaluate it with evaluateAsync.`,
      );
    }
    const progress: Progress = { payload: input.payload, verdicts: [] };
    for (const compiled of this.rules) {
      if (!appliesTo(compiled.rule, input.direction)) continue;
      const verdict = this.run(compiled, { ...input, payload: progress.payload });
      const decision = this.record(progress, compiled, verdict, vault);
      if (decision) return decision;
    }
    return this.allow(progress);
  }

  /**
   * Runs any policy. Sync rules run as in `evaluate`; async rules are awaited with their own timeout.
   * Async rules that come before the first `redact` rule (all of them in monitor mode) see the
   * original payload and start together, so several remote checks cost the slowest, not the sum;
   * once the outcome is known (a block), the ones still running are aborted.
   */
  evaluateAsync(
    input: InspectedPayload,
    vault?: PlaceholderVault,
    options: EvaluateAsyncOptions = {},
  ): Promise<PolicyDecision> {
    if (!this.hasAsyncRules) {
      try {
        return Promise.resolve(this.evaluate(input, vault));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return this.evaluateWithAsyncRules(input, vault, options.signal);
  }

  private async evaluateWithAsyncRules(
    input: InspectedPayload,
    vault: PlaceholderVault | undefined,
    signal: AbortSignal | undefined,
  ): Promise<PolicyDecision> {
    const done = new AbortController();
    const stop = () => done.abort();
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
    try {
      const applicable = this.rules.filter((compiled) => appliesTo(compiled.rule, input.direction));
      const monitorOnly = this.entry.mode === 'monitor';
      const firstRedact = applicable.findIndex((compiled) => compiled.rule.action === 'redact');
      const started = new Map<CompiledRule, Promise<RuleVerdict>>();
      for (const [position, compiled] of applicable.entries()) {
        if (!monitorOnly && firstRedact !== -1 && position > firstRedact) break;
        if (compiled.timeoutMs !== undefined)
          started.set(compiled, this.runAsync(compiled, input, done.signal));
      }
      const progress: Progress = { payload: input.payload, verdicts: [] };
      for (const compiled of applicable) {
        const current = { ...input, payload: progress.payload };
        const verdict =
          compiled.timeoutMs === undefined
            ? this.run(compiled, current)
            : await (started.get(compiled) ?? this.runAsync(compiled, current, done.signal));
        const decision = this.record(progress, compiled, verdict, vault);
        if (decision) return decision;
      }
      return this.allow(progress);
    } finally {
      signal?.removeEventListener('abort', stop);
      done.abort();
    }
  }

  /** Adds a verdict; returns the decision when it ends the evaluation (a block). */
  private record(
    progress: Progress,
    compiled: CompiledRule,
    verdict: RuleVerdict,
    vault: PlaceholderVault | undefined,
  ): PolicyDecision | undefined {
    const monitorOnly = this.entry.mode === 'monitor';
    progress.verdicts.push(verdict);
    if (!verdict.fired || monitorOnly) return undefined;
    const { rule } = compiled;
    if (rule.action === 'block' || verdict.error) {
      return {
        outcome: 'block',
        payload: progress.payload,
        verdicts: progress.verdicts,
        block: blockOf(this.entry.name, compiled, verdict),
        monitorOnly,
      };
    }
    if (rule.action === 'redact') {
      progress.payload = redact(progress.payload, verdict.findings, {
        vault: rule.detector === 'pii' ? vault : undefined,
      });
    }
    return undefined;
  }

  private allow(progress: Progress): PolicyDecision {
    return {
      outcome: 'allow',
      payload: progress.payload,
      verdicts: progress.verdicts,
      monitorOnly: this.entry.mode === 'monitor',
    };
  }

  private run(compiled: CompiledRule, input: InspectedPayload): RuleVerdict {
    try {
      const findings = compiled.detector.inspect(input);
      return { ...verdictBase(compiled), fired: findings.length > 0, findings };
    } catch (error) {
      return failed(compiled, error);
    }
  }

  /** Runs an async detector with the rule's timeout; never rejects (failures become error verdicts). */
  private async runAsync(
    compiled: CompiledRule,
    input: InspectedPayload,
    parent: AbortSignal,
  ): Promise<RuleVerdict> {
    const timeoutMs = compiled.timeoutMs ?? DEFAULT_ASYNC_RULE_TIMEOUT_MS;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const stopped = new Promise<never>((_resolve, reject) => {
      const stop = (error: Error) => {
        controller.abort(error);
        reject(error);
      };
      timer = setTimeout(() => stop(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      onAbort = () => stop(new Error('evaluation aborted'));
      if (parent.aborted) onAbort();
      else parent.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const inspect = compiled.detector.inspectAsync!.bind(compiled.detector);
      const findings = await Promise.race([
        Promise.resolve().then(() => inspect(input, controller.signal)),
        stopped,
      ]);
      if (!Array.isArray(findings)) throw new Error('the detector returned no list of findings');
      return { ...verdictBase(compiled), fired: findings.length > 0, findings };
    } catch (error) {
      return failed(compiled, error);
    } finally {
      clearTimeout(timer);
      if (onAbort) parent.removeEventListener('abort', onAbort);
    }
  }
}

function verdictBase({ index, rule }: CompiledRule): Pick<RuleVerdict, 'index' | 'detector' | 'action'> {
  return { index, detector: rule.detector, action: rule.action };
}

function failed(compiled: CompiledRule, error: unknown): RuleVerdict {
  const message = error instanceof Error ? error.message : '';
  return {
    ...verdictBase(compiled),
    fired: compiled.failMode === 'closed',
    findings: [],
    error: message || 'detector failed',
  };
}

function blockOf(
  policy: string,
  compiled: CompiledRule,
  verdict: RuleVerdict,
): NonNullable<PolicyDecision['block']> {
  const what = verdict.error
    ? `the ${verdict.detector} detector failed and the ${compiled.ownFailMode ? 'rule' : 'policy'} fails closed`
    : `${verdict.detector} found ${[...new Set(verdict.findings.map((f) => f.kind))].slice(0, 5).join(', ')}`;
  return {
    ruleIndex: verdict.index,
    detector: verdict.detector,
    message: `Blocked by guardrail policy "${policy}", rule ${verdict.index + 1}: ${what}.`,
  };
}
