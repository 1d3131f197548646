/**
 * Requests from upstream servers back to their client (sampling, elicitation) and log messages,
 * against the conformance fixture: which capabilities a connection declares, and to which caller
 * a request or a log message is attributed.
 */
import { conformanceServerEntry } from '@bastion/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { call, createPoolKit, firstText, projectId, waitFor } from './test/pool.kit';
import type { UpstreamClientCapabilities, UpstreamServerRequest } from './upstream.types';

const SAMPLED = { role: 'assistant', content: { type: 'text', text: 'sampled' }, model: 'm' };
const NONE: UpstreamClientCapabilities = { sampling: false, elicitation: false, roots: false };

describe('UpstreamPool server requests', () => {
  const seen: UpstreamServerRequest[] = [];
  /** While set, answers wait for it (so several requests can be in flight together). */
  let hold: Promise<void> | undefined;
  const sessions = new Map<string, UpstreamClientCapabilities>([
    ['with-sampling', { ...NONE, sampling: true }],
    ['without', NONE],
  ]);
  const kit = createPoolKit({
    onServerRequest: async (request) => {
      seen.push(request);
      await hold;
      return request.method === 'elicitation/create' ? { action: 'decline' } : SAMPLED;
    },
    sessionCapabilities: (sid) => sessions.get(sid),
  });
  const shared = { projectId: projectId(), server: conformanceServerEntry() };
  const sampling = call('test_sampling', { prompt: 'hi' });
  afterAll(() => kit.pool.close());

  it('declares the capabilities on a shared connection and attributes a request to the one caller in flight', async () => {
    seen.length = 0;
    const caller = { sessionId: 'one' };
    const result = await kit.pool.request(shared, 'tools/call', sampling, { operation: 'call', caller });
    expect(firstText(result)).toBe('LLM response: sampled');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'sampling/createMessage',
      target: shared,
      params: { maxTokens: 100 },
    });
    expect(seen[0]?.caller).toBe(caller);
    const elicited = await kit.pool.request(
      shared,
      'tools/call',
      call('test_elicitation', { message: 'q' }),
      {
        operation: 'call',
        caller,
      },
    );
    expect(firstText(elicited)).toBe('User response: action=decline, content={}');
    expect(seen[1]).toMatchObject({ method: 'elicitation/create', caller });
  });

  it('attributes nothing while two callers are in flight', async () => {
    seen.length = 0;
    const callers = [{ sessionId: 'a' }, { sessionId: 'b' }];
    // Neither call may finish before both requests arrived: each answer waits for the other request.
    hold = waitFor(() => seen.length === 2);
    await Promise.all(
      callers.map((caller) =>
        kit.pool.request(shared, 'tools/call', sampling, { operation: 'call', caller }),
      ),
    );
    expect(seen).toHaveLength(2);
    hold = undefined;
    expect(seen.map((request) => request.caller)).toEqual([undefined, undefined]);
  });

  it('declares on a session-scoped connection only what that session declared', async () => {
    seen.length = 0;
    const server = conformanceServerEntry({ connectionScope: 'session' });
    const project = projectId();
    const granted = { projectId: project, server, sessionId: 'with-sampling' };
    const result = await kit.pool.request(granted, 'tools/call', sampling, { operation: 'call' });
    expect(firstText(result)).toBe('LLM response: sampled');
    expect(seen[0]).toMatchObject({ target: granted, caller: undefined });
    const denied = { projectId: project, server, sessionId: 'without' };
    const refused = await kit.pool.request(denied, 'tools/call', sampling, { operation: 'call' });
    expect(refused).toMatchObject({ isError: true });
    expect(firstText(refused)).toBe('The client does not support sampling.');
    expect(seen).toHaveLength(1);
  });

  it('attributes log messages to the caller in flight, and only those', async () => {
    kit.notifications.length = 0;
    const caller = { sessionId: 'logger' };
    await kit.pool.request(shared, 'tools/call', call('test_tool_with_logging'), {
      operation: 'call',
      caller,
    });
    await kit.pool.request(shared, 'tools/call', call('test_tool_with_logging'), { operation: 'call' });
    const logs = kit.notifications.filter((n) => n.method === 'notifications/message');
    expect(logs).toHaveLength(6);
    expect(logs.map((log) => log.caller)).toEqual([caller, caller, caller, undefined, undefined, undefined]);
  });

  it('declares nothing without onServerRequest', async () => {
    const plain = createPoolKit();
    try {
      const target = { projectId: projectId(), server: conformanceServerEntry() };
      const result = await plain.pool.request(target, 'tools/call', sampling, { operation: 'call' });
      expect(firstText(result)).toBe('The client does not support sampling.');
    } finally {
      await plain.pool.close();
    }
  });
});
