import type { GuardrailRule, PolicyEntry } from '@bastion/contracts';
import { describe, expect, it } from 'vitest';
import type { DetectorFactory } from './detector.types';
import { CompiledPolicy, PolicyCompileError } from './compiled-policy';
import { PlaceholderVault } from './placeholder.vault';

const policy = (
  rules: Array<Partial<GuardrailRule> & Pick<GuardrailRule, 'detector' | 'action'>>,
  extra: Partial<PolicyEntry> = {},
): PolicyEntry => ({
  id: '00000000-0000-4000-8000-000000000001',
  name: 'test-policy',
  mode: 'enforce',
  failMode: 'closed',
  rules: rules.map((rule) => ({ direction: 'both', options: {}, ...rule })),
  ...extra,
});

const input = (payload: unknown, direction: 'input' | 'output' = 'input') => ({
  direction,
  toolName: 'search',
  payload,
});

describe(CompiledPolicy.name, () => {
  it('blocks with a message naming the policy, the rule and what was found — never the value', () => {
    const compiled = CompiledPolicy.compile(
      policy([{ detector: 'keywords', action: 'block', options: { keywords: ['drop table'] } }]),
    );
    const decision = compiled.evaluate(input({ query: 'please DROP TABLE users' }));
    expect(decision.outcome).toBe('block');
    expect(decision.block?.message).toBe(
      'Blocked by guardrail policy "test-policy", rule 1: keywords found keyword.',
    );
    expect(decision.verdicts[0]?.findings[0]).toMatchObject({
      path: '$.query',
      kind: 'keyword',
      span: { start: 7, end: 17 },
    });
    expect(JSON.stringify(decision.verdicts)).not.toContain('users');
  });

  it('redacts and carries on to later rules, which see the redacted payload', () => {
    const compiled = CompiledPolicy.compile(
      policy([
        { detector: 'regex', action: 'redact', options: { patterns: ['\\d{4}-\\d{4}'] } },
        { detector: 'regex', action: 'block', options: { patterns: ['\\d{4}-\\d{4}'] } },
      ]),
    );
    const decision = compiled.evaluate(input({ a: ['code 1234-5678 ok'], b: 2 }));
    expect(decision.outcome).toBe('allow');
    expect(decision.payload).toEqual({ a: ['code [REDACTED:regex] ok'], b: 2 });
    expect(decision.verdicts.map((v) => v.fired)).toEqual([true, false]);
  });

  it('records warnings without changing anything', () => {
    const compiled = CompiledPolicy.compile(
      policy([{ detector: 'keywords', action: 'warn', options: { keywords: ['secret'] } }]),
    );
    const payload = { text: 'a secret plan' };
    const decision = compiled.evaluate(input(payload));
    expect(decision).toMatchObject({ outcome: 'allow', payload });
    expect(decision.verdicts[0]?.fired).toBe(true);
  });

  it('applies rules only to their direction', () => {
    const compiled = CompiledPolicy.compile(
      policy([{ detector: 'keywords', action: 'block', direction: 'output', options: { keywords: ['x'] } }]),
    );
    expect(compiled.evaluate(input({ t: 'x' }, 'input')).outcome).toBe('allow');
    expect(compiled.evaluate(input({ t: 'x' }, 'output')).outcome).toBe('block');
    expect(compiled.applies('input')).toBe(false);
  });

  it('fails closed by default and open when the policy says so', () => {
    const broken: DetectorFactory = {
      id: 'keywords',
      prepare: () => ({
        inspect: () => {
          throw new Error('boom');
        },
      }),
    };
    const registry = new Map([['keywords', broken]]);
    const closed = CompiledPolicy.compile(policy([{ detector: 'keywords', action: 'warn' }]), registry);
    expect(closed.evaluate(input({})).outcome).toBe('block');
    expect(closed.evaluate(input({})).block?.message).toMatch(/failed and the policy fails closed/);
    const open = CompiledPolicy.compile(
      policy([{ detector: 'keywords', action: 'block' }], { failMode: 'open' }),
      registry,
    );
    const decision = open.evaluate(input({}));
    expect(decision.outcome).toBe('allow');
    expect(decision.verdicts[0]?.error).toBe('boom');
  });

  it('only records in monitor mode', () => {
    const compiled = CompiledPolicy.compile(
      policy([{ detector: 'keywords', action: 'block', options: { keywords: ['x'] } }], { mode: 'monitor' }),
    );
    const decision = compiled.evaluate(input({ t: 'x' }));
    expect(decision).toMatchObject({ outcome: 'allow', monitorOnly: true, payload: { t: 'x' } });
    expect(decision.verdicts[0]?.fired).toBe(true);
  });

  it('refuses invalid options, naming every bad rule', () => {
    expect(() =>
      CompiledPolicy.compile(
        policy([
          { detector: 'regex', action: 'block', options: { patterns: ['('] } },
          { detector: 'size', action: 'block', options: {} },
          { detector: 'keywords', action: 'block', options: { keywords: [] } },
        ]),
      ),
    ).toThrow(PolicyCompileError);
    try {
      CompiledPolicy.compile(
        policy([
          { detector: 'regex', action: 'block', options: { patterns: ['('] } },
          { detector: 'size', action: 'block' },
        ]),
      );
    } catch (error) {
      expect((error as Error).message).toMatch(/rules\.0 \(regex\).*rules\.1 \(size\)/);
    }
  });

  it('checks sizes, tool allow/deny lists and argument schemas', () => {
    const size = CompiledPolicy.compile(
      policy([{ detector: 'size', action: 'block', options: { maxBytes: 20, maxDepth: 2 } }]),
    );
    expect(size.evaluate(input({ a: 'short' })).outcome).toBe('allow');
    expect(size.evaluate(input({ a: 'x'.repeat(30) })).outcome).toBe('block');
    expect(size.evaluate(input({ a: { b: { c: 1 } } })).outcome).toBe('block');

    const tools = CompiledPolicy.compile(
      policy([
        { detector: 'tools', action: 'block', options: { allow: ['search*'], deny: ['search_admin'] } },
      ]),
    );
    expect(tools.evaluate({ ...input({}), toolName: 'search_web' }).outcome).toBe('allow');
    expect(tools.evaluate({ ...input({}), toolName: 'search_admin' }).outcome).toBe('block');
    expect(tools.evaluate({ ...input({}), toolName: 'delete' }).outcome).toBe('block');

    const schema = CompiledPolicy.compile(
      policy([{ detector: 'schema', action: 'block', options: { allowAdditionalProperties: false } }]),
    );
    const inputSchema = { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] };
    expect(schema.evaluate({ ...input({ q: 'x' }), inputSchema }).outcome).toBe('allow');
    const bad = schema.evaluate({ ...input({ q: 1, extra: true }), inputSchema });
    expect(bad.outcome).toBe('block');
    expect(bad.verdicts[0]?.findings.map((f) => f.kind).sort()).toEqual([
      'schema-additionalProperties',
      'schema-type',
    ]);
  });
});

describe(PlaceholderVault.name, () => {
  it('gives each distinct value a stable placeholder and restores them in any string', () => {
    const vault = new PlaceholderVault();
    const a = vault.placeholder('email', 'ada@example.com');
    expect(a).toBe('[[EMAIL_1]]');
    expect(vault.placeholder('email', 'ada@example.com')).toBe(a);
    expect(vault.placeholder('email', 'bob@example.com')).toBe('[[EMAIL_2]]');
    const restored = vault.restore({ text: `mail ${a} and [[EMAIL_2]], not [[EMAIL_9]]`, n: 1 });
    expect(restored).toEqual({ text: 'mail ada@example.com and bob@example.com, not [[EMAIL_9]]', n: 1 });
  });
});
