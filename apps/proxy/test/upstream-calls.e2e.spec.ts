// Long and failing upstream calls through the gateway: progress streamed over SSE, a client's
// cancellation reaching the upstream (also when it lands on another worker), per-server call
// budgets, and a crashed upstream that is restarted.
import { fixtureServerEntry } from '@bastion/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ProxyHarness, waitFor, type TestProject } from './proxy-harness';
import { mcpPost, openSession, rpcRequest, streamingPost } from './support/raw-mcp';

const text = (result: unknown) => (result as { content: Array<{ text: string }> }).content[0]?.text ?? '';
/** How many sleeps the slow fixture behind `server` saw cancelled (proof notifications/cancelled arrived). */
const cancellations = async (client: Client, server = 'slow') =>
  Number(text(await client.callTool({ name: `${server}__cancellations`, arguments: {} })));

describe('long and failing upstream calls', () => {
  const harness = new ProxyHarness();
  let workerA: string;
  let workerB: string;
  let project: TestProject;
  let client: Client;

  beforeAll(async () => {
    [workerA, workerB] = await Promise.all([harness.startWorker(), harness.startWorker()]);
    project = await harness.addProject([
      fixtureServerEntry('slow'),
      fixtureServerEntry('slow', {
        name: 'tight',
        timeouts: { connectMs: 10_000, discoveryMs: 10_000, callMs: 300 },
      }),
      fixtureServerEntry('crash'),
    ]);
    client = await harness.connect(workerA, project.key);
    // Start every upstream now, so the timings below measure calls, not process start-up.
    await Promise.all(
      ['slow__echo', 'tight__echo', 'crash__echo'].map((name) =>
        client.callTool({ name, arguments: { message: 'warm' } }),
      ),
    );
  });
  afterAll(() => harness.close());

  it('streams notifications/progress before the result (SDK onprogress)', async () => {
    const progress: Array<{ progress: number; total?: number }> = [];
    const result = await client.callTool({ name: 'slow__sleep', arguments: { ms: 450 } }, undefined, {
      onprogress: (update) => progress.push(update),
    });
    expect(text(result)).toBe('slept 450 ms');
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.every((update) => update.total === 450)).toBe(true);
    expect(progress.map((update) => update.progress)).toEqual(
      [...progress.map((update) => update.progress)].sort((a, b) => a - b),
    );
  });

  it('sends progress as SSE events ahead of the response on the same POST', async () => {
    const sessionId = await openSession(workerA, project.key);
    const reply = await mcpPost(
      workerA,
      project.key,
      rpcRequest('tools/call', {
        name: 'slow__sleep',
        arguments: { ms: 300 },
        _meta: { progressToken: 'p-1' },
      }),
      sessionId,
    );
    expect(reply.headers.get('content-type')).toContain('text/event-stream');
    const methods = reply.messages.map((message) => message.method ?? 'response');
    expect(methods.at(-1)).toBe('response');
    expect(methods.slice(0, -1).length).toBeGreaterThanOrEqual(2);
    expect(new Set(methods.slice(0, -1))).toEqual(new Set(['notifications/progress']));
    expect(reply.messages[0]?.params?.progressToken).toBe('p-1');
    // Without a token the same call is plain JSON.
    const plain = await mcpPost(
      workerA,
      project.key,
      rpcRequest('tools/call', { name: 'slow__echo', arguments: { message: 'x' } }),
      sessionId,
    );
    expect(plain.headers.get('content-type')).toContain('application/json');
  });

  it('cancels upstream when the client aborts; the connection keeps serving', async () => {
    const before = await cancellations(client);
    const controller = new AbortController();
    const started = Date.now();
    // Abort once the upstream reports progress: the sleep is running there.
    const call = client.callTool({ name: 'slow__sleep', arguments: { ms: 10_000 } }, undefined, {
      signal: controller.signal,
      onprogress: () => controller.abort('changed my mind'),
    });
    await expect(call).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1_500);

    // The slow fixture counts sleeps that saw notifications/cancelled.
    await waitFor(async () => (await cancellations(client)) === before + 1, 3_000);
    expect((await fetch(workerA.replace('/mcp', '/healthz'))).status).toBe(200);
    const later = await client.callTool({ name: 'slow__echo', arguments: { message: 'still here' } });
    expect(text(later)).toBe('still here');
  });

  it('cancels a request running on one worker from a notifications/cancelled sent to another', async () => {
    const before = await cancellations(client);
    const sessionId = await openSession(workerA, project.key);
    const request = rpcRequest('tools/call', {
      name: 'slow__sleep',
      arguments: { ms: 10_000 },
      _meta: { progressToken: 'cancel-me' },
    });
    const started = Date.now();
    const running = await streamingPost(workerA, project.key, request, sessionId);
    onTestFinished(() => running.close());
    await waitFor(() => running.messages.length > 0, 3_000); // the first progress: the sleep runs upstream
    const cancel = await mcpPost(
      workerB,
      project.key,
      { method: 'notifications/cancelled', params: { requestId: request.id, reason: 'test' } },
      sessionId,
    );
    expect(cancel.status).toBe(202);

    expect(await running.ended(2_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(running.messages.at(-1)).toMatchObject({ id: request.id, error: { code: -32800 } });
    await waitFor(async () => (await cancellations(client)) === before + 1, 3_000);
  });

  it('answers -32011 naming the server when the call budget runs out', async () => {
    const started = Date.now();
    const error = await client
      .callTool({ name: 'tight__sleep', arguments: { ms: 2_000 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(-32011);
    expect((error as McpError).message).toContain('tight');
    expect(Date.now() - started).toBeLessThan(1_500);
    // The upstream was told to stop working on it.
    await waitFor(async () => (await cancellations(client, 'tight')) >= 1, 3_000);
  });

  it('answers -32010 when the upstream crashes mid-call, and serves again after the restart', async () => {
    const pidBefore = text(await client.callTool({ name: 'crash__pid', arguments: {} }));
    const error = await client.callTool({ name: 'crash__crash', arguments: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(-32010);
    expect((error as McpError).message).toContain('crash');

    let pidAfter = '';
    await waitFor(async () => {
      pidAfter = await client.callTool({ name: 'crash__pid', arguments: {} }).then(text, () => '');
      return pidAfter !== '';
    }, 5_000);
    expect(pidAfter).not.toBe(pidBefore);
    expect(text(await client.callTool({ name: 'crash__echo', arguments: { message: 'back' } }))).toBe('back');
  });
});
