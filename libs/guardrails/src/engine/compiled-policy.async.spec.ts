import type { GuardrailRule, PolicyEntry } from '@bastion/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUILT_IN_DETECTORS } from '../detectors/detector.registry';
import { CompiledPolicy, PolicyCompileError } from './compiled-policy';
import type { DetectorFactory, Finding, InspectedPayload } from './detector.types';

type RuleSpec = Partial<GuardrailRule> & Pick<GuardrailRule, 'detector' | 'action'>;

const policy = (rules: RuleSpec[], extra: Partial<PolicyEntry> = {}): PolicyEntry => ({
  id: '00000000-0000-4000-8000-000000000002',
  name: 'async-policy',
  mode: 'enforce',
  failMode: 'closed',
  rules: rules.map((rule) => ({ direction: 'both', options: {}, ...rule })),
  ...extra,
});

const input = (payload: unknown): InspectedPayload => ({ direction: 'input', toolName: 'search', payload });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects when the signal aborts, like a fetch would. */
const abortable = (signal: AbortSignal) =>
  new Promise<never>((_resolve, reject) =>
    signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
  );

/**
 * A fake remote detector (registered as `remote`): `behaviour` decides what each call does; calls
 * record the payload they saw and the signal they got.
 */
function fakeRemote(behaviour: (input: InspectedPayload, signal: AbortSignal) => Promise<Finding[]>) {
  const calls: Array<{ payload: unknown; signal: AbortSignal }> = [];
  const factory: DetectorFactory = {
    id: 'remote',
    prepare: () => ({
      inspect: () => {
        throw new Error('remote detectors are asynchronous');
      },
      inspectAsync: (inspected, signal) => {
        calls.push({ payload: inspected.payload, signal });
        return behaviour(inspected, signal);
      },
    }),
  };
  const registry = new Map([...BUILT_IN_DETECTORS, ['remote', factory]]);
  return { registry, calls };
}

const flag = (kind = 'remote:flagged'): Finding[] => [{ path: '$.q', kind, confidence: 1, wholeValue: true }];

describe('CompiledPolicy with async detectors', () => {
  afterEach(() => vi.useRealTimers());

  it('says whether a policy has async rules, and evaluate refuses those that do', () => {
    const { registry } = fakeRemote(() => Promise.resolve([]));
    const sync = CompiledPolicy.compile(
      policy([{ detector: 'keywords', action: 'block', options: { keywords: ['x'] } }]),
      registry,
    );
    expect(sync.hasAsyncRules).toBe(false);
    const mixed = CompiledPolicy.compile(policy([{ detector: 'remote', action: 'block' }]), registry);
    expect(mixed.hasAsyncRules).toBe(true);
    expect(() => mixed.evaluate(input({ q: 'x' }))).toThrow(
      /"async-policy" has asynchronous \(remote\) detectors: evaluate it with evaluateAsync/,
    );
  });

  it('evaluates sync-only policies through evaluateAsync exactly like evaluate', async () => {
    const compiled = CompiledPolicy.compile(
      policy([
        { detector: 'regex', action: 'redact', options: { patterns: ['\\d{4}'] } },
        { detector: 'keywords', action: 'warn', options: { keywords: ['code'] } },
      ]),
    );
    const payload = { q: 'code 1234' };
    expect(await compiled.evaluateAsync(input(payload))).toEqual(compiled.evaluate(input(payload)));
  });

  it('blocks when an async detector fires, and allows when it finds nothing', async () => {
    const { registry } = fakeRemote(async ({ payload }) => {
      await sleep(5);
      return JSON.stringify(payload).includes('bad') ? flag('moderation:violence') : [];
    });
    const compiled = CompiledPolicy.compile(policy([{ detector: 'remote', action: 'block' }]), registry);
    const blocked = await compiled.evaluateAsync(input({ q: 'a bad thing' }));
    expect(blocked.outcome).toBe('block');
    expect(blocked.block?.message).toBe(
      'Blocked by guardrail policy "async-policy", rule 1: remote found moderation:violence.',
    );
    const allowed = await compiled.evaluateAsync(input({ q: 'a good thing' }));
    expect(allowed).toMatchObject({ outcome: 'allow', payload: { q: 'a good thing' } });
    expect(allowed.verdicts).toEqual([
      { index: 0, detector: 'remote', action: 'block', fired: false, findings: [] },
    ]);
  });

  it('times out with the rule’s timeoutMs, aborts the detector, and fails closed by the policy', async () => {
    const { registry, calls } = fakeRemote((_input, signal) => abortable(signal));
    const compiled = CompiledPolicy.compile(
      policy([{ detector: 'remote', action: 'warn', options: { timeoutMs: 50 } }]),
      registry,
    );
    // The detector only settles when aborted, so the evaluation ending at all shows the abort.
    const decision = await compiled.evaluateAsync(input({ q: 'x' }));
    expect(decision.outcome).toBe('block');
    expect(decision.verdicts[0]).toMatchObject({ fired: true, error: 'timed out after 50 ms' });
    expect(decision.block?.message).toMatch(
      /rule 1: the remote detector failed and the policy fails closed\.$/,
    );
    expect(calls[0]?.signal.aborted).toBe(true);
  });

  it('times out a detector that ignores its signal', async () => {
    const { registry } = fakeRemote(() => new Promise<Finding[]>(() => undefined));
    const compiled = CompiledPolicy.compile(
      policy([{ detector: 'remote', action: 'block', options: { timeoutMs: 30 } }], { failMode: 'open' }),
      registry,
    );
    const decision = await compiled.evaluateAsync(input({ q: 'x' }));
    expect(decision.outcome).toBe('allow');
    expect(decision.verdicts[0]).toMatchObject({ fired: false, error: 'timed out after 30 ms' });
  });

  it('waits 2 s by default', async () => {
    vi.useFakeTimers();
    const { registry } = fakeRemote((_input, signal) => abortable(signal));
    const compiled = CompiledPolicy.compile(
      policy([{ detector: 'remote', action: 'block' }], { failMode: 'open' }),
      registry,
    );
    let settled = false;
    const pending = compiled.evaluateAsync(input({ q: 'x' })).finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).verdicts[0]?.error).toBe('timed out after 2000 ms');
  });

  it('lets a rule’s own failMode override the policy’s, both ways, for async and sync detectors', async () => {
    const { registry } = fakeRemote(() => Promise.reject(new Error('provider answered HTTP 503')));
    const closedRule = CompiledPolicy.compile(
      policy([{ detector: 'remote', action: 'warn', options: { failMode: 'closed' } }], { failMode: 'open' }),
      registry,
    );
    const blocked = await closedRule.evaluateAsync(input({ q: 'x' }));
    expect(blocked.outcome).toBe('block');
    expect(blocked.block?.message).toMatch(/the remote detector failed and the rule fails closed\.$/);
    expect(blocked.verdicts[0]?.error).toBe('provider answered HTTP 503');

    const openRule = CompiledPolicy.compile(
      policy([{ detector: 'remote', action: 'block', options: { failMode: 'open' } }]),
      registry,
    );
    const allowed = await openRule.evaluateAsync(input({ q: 'x' }));
    expect(allowed).toMatchObject({
      outcome: 'allow',
      verdicts: [{ fired: false, error: 'provider answered HTTP 503' }],
    });

    const broken: DetectorFactory = {
      id: 'keywords',
      prepare: () => ({
        inspect: () => {
          throw new Error('boom');
        },
      }),
    };
    const syncOpen = CompiledPolicy.compile(
      policy([{ detector: 'keywords', action: 'block', options: { failMode: 'open' } }]),
      new Map([['keywords', broken]]),
    );
    expect(syncOpen.evaluate(input({})).outcome).toBe('allow');
  });

  it('refuses bad timeoutMs and failMode options at compile time', () => {
    const { registry } = fakeRemote(() => Promise.resolve([]));
    for (const options of [
      { timeoutMs: 0 },
      { timeoutMs: 30_001 },
      { timeoutMs: 1.5 },
      { timeoutMs: '100' },
      { failMode: 'maybe' },
    ]) {
      expect(() =>
        CompiledPolicy.compile(policy([{ detector: 'remote', action: 'block', options }]), registry),
      ).toThrow(PolicyCompileError);
    }
    expect(() =>
      CompiledPolicy.compile(
        policy([{ detector: 'remote', action: 'block', options: { timeoutMs: 30_000 } }]),
        registry,
      ),
    ).not.toThrow();
    expect(() =>
      CompiledPolicy.compile(
        policy([{ detector: 'remote', action: 'block', options: { timeoutMs: 0 } }]),
        registry,
      ),
    ).toThrow(/rules\.0 \(remote\): options\.timeoutMs must be an integer between 1 and 30000/);
  });

  it('starts independent async rules together: the second starts before the first has finished', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const { registry, calls } = fakeRemote(async () => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await sleep(20);
      inFlight -= 1;
      return [];
    });
    const compiled = CompiledPolicy.compile(
      policy([
        { detector: 'remote', action: 'block' },
        { detector: 'keywords', action: 'warn', options: { keywords: ['x'] } },
        { detector: 'remote', action: 'block' },
      ]),
      registry,
    );
    const decision = await compiled.evaluateAsync(input({ q: 'x' }));
    expect(mostInFlight).toBe(2);
    expect(decision.outcome).toBe('allow');
    expect(decision.verdicts.map((v) => v.fired)).toEqual([false, true, false]);
    expect(calls).toHaveLength(2);
  });

  it('gives an async rule after a redact rule the redacted payload', async () => {
    const { registry, calls } = fakeRemote(() => Promise.resolve([]));
    const compiled = CompiledPolicy.compile(
      policy([
        { detector: 'regex', action: 'redact', options: { patterns: ['\\d{4}'] } },
        { detector: 'remote', action: 'block' },
      ]),
      registry,
    );
    const decision = await compiled.evaluateAsync(input({ q: 'pin 1234' }));
    expect(calls[0]?.payload).toEqual({ q: 'pin [REDACTED:regex]' });
    expect(decision.payload).toEqual({ q: 'pin [REDACTED:regex]' });
  });

  it('aborts async checks still running once an earlier rule blocks', async () => {
    const { registry, calls } = fakeRemote((_input, signal) => abortable(signal));
    const compiled = CompiledPolicy.compile(
      policy([
        { detector: 'keywords', action: 'block', options: { keywords: ['x'] } },
        { detector: 'remote', action: 'block', options: { timeoutMs: 10_000 } },
      ]),
      registry,
    );
    // The detector only settles when aborted, so the evaluation ending at all shows the abort.
    const decision = await compiled.evaluateAsync(input({ q: 'x' }));
    expect(decision.block?.ruleIndex).toBe(0);
    expect(calls[0]?.signal.aborted).toBe(true);
  });

  it('turns the caller’s abort into detector errors handled by the fail mode', async () => {
    const { registry } = fakeRemote((_input, signal) => abortable(signal));
    const compiled = CompiledPolicy.compile(
      policy([{ detector: 'remote', action: 'block', options: { timeoutMs: 10_000 } }]),
      registry,
    );
    const controller = new AbortController();
    const pending = compiled.evaluateAsync(input({ q: 'x' }), undefined, { signal: controller.signal });
    controller.abort();
    const decision = await pending;
    expect(decision).toMatchObject({ outcome: 'block', verdicts: [{ error: 'evaluation aborted' }] });
  });

  it('only records in monitor mode, async rules included', async () => {
    const { registry } = fakeRemote(() => Promise.resolve(flag()));
    const compiled = CompiledPolicy.compile(
      policy(
        [
          { detector: 'remote', action: 'block' },
          { detector: 'remote', action: 'redact' },
        ],
        { mode: 'monitor' },
      ),
      registry,
    );
    const decision = await compiled.evaluateAsync(input({ q: 'x' }));
    expect(decision).toMatchObject({ outcome: 'allow', monitorOnly: true, payload: { q: 'x' } });
    expect(decision.verdicts.map((v) => v.fired)).toEqual([true, true]);
  });
});
