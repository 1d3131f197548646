import type { GuardrailRule, PolicyEntry } from '@bastion/contracts';
import { BUILT_IN_DETECTORS, CompiledPolicy, type InspectedPayload } from '@bastion/guardrails';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { remoteDetectorFactory } from '../remote.detector';
import { startFakeProvider, type FakeProvider } from './fake-provider.server';

/** A provider API key the specs configure; it must never show up in an error, a finding or a log. */
export const SECRET = 'sk-test-Zq8mN3vR7tY2wX5pL9kJ4hG6';
const detectors = new Map([...BUILT_IN_DETECTORS, ['remote', remoteDetectorFactory()]]);

/** A policy of remote rules (direction both, empty options unless given). */
export const policy = (
  rules: Array<Partial<GuardrailRule> & Pick<GuardrailRule, 'action'>>,
  extra: Partial<PolicyEntry> = {},
): PolicyEntry => ({
  id: '00000000-0000-4000-8000-000000000003',
  name: 'remote-policy',
  mode: 'enforce',
  failMode: 'closed',
  rules: rules.map((rule) => ({ detector: 'remote', direction: 'both', options: {}, ...rule })),
  ...extra,
});

/** A tool call's payload as the engine inspects it. */
export const input = (payload: unknown, direction: 'input' | 'output' = 'input'): InspectedPayload => ({
  direction,
  toolName: 'search',
  payload,
});

/** One remote rule with these options, compiled. */
export const compile = (
  options: Record<string, unknown>,
  action: GuardrailRule['action'] = 'block',
  extra: Partial<PolicyEntry> = {},
) => CompiledPolicy.compile(policy([{ action, options }], extra), detectors);

/**
 * A fake provider for the enclosing describe block: started before its tests, its recorded requests cleared
 * before each, closed after. Read it only inside tests and helpers they call.
 */
export function useFakeProvider(): FakeProvider {
  let started: FakeProvider | undefined;
  beforeAll(async () => {
    started = await startFakeProvider();
  });
  beforeEach(() => {
    if (started) started.requests.length = 0;
  });
  afterAll(() => started?.close());
  return new Proxy({} as FakeProvider, {
    get(_target, key) {
      if (!started) throw new Error('the fake provider is used outside a test');
      const value: unknown = Reflect.get(started, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(started) : value;
    },
  });
}
