// Requests from upstream servers back to the end client (sampling, elicitation, roots) relayed
// through the gateway: on the call's own SSE stream, or over Redis to the client's GET stream on
// another worker with the answer POSTed to a third place; refused when the client did not declare
// the capability or when the request cannot be attributed to one session; session-scoped servers
// may ask outside calls. Log messages go to the calling session only.
import { fixtureServerEntry } from '@bastion/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyHarness, waitFor, type TestProject } from './proxy-harness';
import { ANSWERS, connectAsking, splitRouting, type Routes } from './support/asking-client';

const text = (result: unknown) => (result as { content: Array<{ text: string }> }).content[0]?.text ?? '';
const ALL = { sampling: {}, elicitation: {}, roots: {} };

describe('server→client requests through the gateway', () => {
  const harness = new ProxyHarness();
  const clients: Client[] = [];
  let workerA: string;
  let workerB: string;
  let shared: TestProject;
  let scoped: TestProject;

  async function asking(key: string, capabilities: object, fetch?: FetchLike) {
    const connected = await connectAsking(workerA, key, capabilities, fetch);
    clients.push(connected.client);
    return connected;
  }

  beforeAll(async () => {
    [workerA, workerB] = await Promise.all([harness.startWorker(), harness.startWorker()]);
    shared = await harness.addProject([fixtureServerEntry('relay')]);
    scoped = await harness.addProject([fixtureServerEntry('relay', { connectionScope: 'session' })]);
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((client) => client.close()));
    await harness.close();
  });

  it('relays sampling, elicitation and roots to the calling client and its answers back', async () => {
    // Which media type each tools/call was answered with: SSE once a request had to go first.
    const answeredAs: string[] = [];
    const recording: FetchLike = async (url, init) => {
      const response = await fetch(url, init);
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { method?: string }) : {};
      if (body.method === 'tools/call') answeredAs.push(response.headers.get('content-type') ?? '');
      return response;
    };
    const { client, seen } = await asking(shared.key, ALL, recording);
    const sampled = await client.callTool({ name: 'relay__sample', arguments: { prompt: 'two words' } });
    expect(JSON.parse(text(sampled))).toMatchObject({
      role: 'assistant',
      model: 'test-model',
      content: { type: 'text', text: ANSWERS.sampling('two words') },
    });
    const elicited = await client.callTool({ name: 'relay__elicit', arguments: { message: 'Your name?' } });
    expect(JSON.parse(text(elicited))).toEqual(ANSWERS.elicitation);
    const roots = await client.callTool({ name: 'relay__roots', arguments: {} });
    expect(JSON.parse(text(roots))).toEqual(ANSWERS.roots);
    expect(seen.requests.map((request) => request.method)).toEqual([
      'sampling/createMessage',
      'elicitation/create',
      'roots/list',
    ]);
    expect(seen.requests[1]?.params).toMatchObject({
      message: 'Your name?',
      requestedSchema: { type: 'object' },
    });
    await client.callTool({ name: 'relay__subscriptions', arguments: {} }); // nothing goes first: JSON
    expect(answeredAs).toEqual([...Array<string>(3).fill('text/event-stream'), 'application/json']);
  });

  it('carries a request over the GET stream on another worker and the answer back through a third hop', async () => {
    const routes: Routes = [];
    // Calls on A (JSON only), GET stream on B, answers POSTed to B: A waits, B relays over Redis.
    const route = splitRouting({ calls: workerA, stream: workerB, answers: workerB }, routes);
    const { client, seen } = await asking(shared.key, ALL, route);
    expect(routes).toContain(`GET ${workerB} 200`);
    const sampled = await client.callTool({ name: 'relay__sample', arguments: { prompt: 'far away' } });
    expect(JSON.parse(text(sampled))).toMatchObject({ content: { text: ANSWERS.sampling('far away') } });
    expect(seen.requests).toHaveLength(1);
    expect(routes).toContain(`answer ${workerB}`);
    expect(routes.filter((entry) => entry.startsWith('answer'))).toEqual([`answer ${workerB}`]);
  });

  it('answers the upstream with an error when the client did not declare the capability', async () => {
    const { client, seen } = await asking(shared.key, { elicitation: {} });
    const sampled = await client.callTool({ name: 'relay__sample', arguments: { prompt: 'x' } });
    expect(text(sampled)).toMatch(
      /^error -32601: The client session does not support sampling\/createMessage/,
    );
    expect(seen.requests).toEqual([]);
  });

  it('refuses a request a shared connection cannot attribute to one session', async () => {
    const { client, seen } = await asking(shared.key, ALL);
    await client.callTool({ name: 'relay__sample_later', arguments: { prompt: 'nobody' } });
    // The fixture reports the outcome as a log message; with no call in flight it goes to the project.
    await waitFor(() => seen.logs.some((log) => log.logger === 'relay/sample_later'));
    const outcome = seen.logs.find((log) => log.logger === 'relay/sample_later');
    expect(outcome?.data).toMatch(/^error -32600: Bastion cannot attribute sampling\/createMessage/);
    expect(seen.requests).toEqual([]);
  });

  it('lets a session-scoped server ask its session outside any call, and declares only what it declared', async () => {
    const { client, seen } = await asking(scoped.key, { sampling: {} });
    await client.callTool({ name: 'relay__sample_later', arguments: { prompt: 'later' } });
    await waitFor(() => seen.logs.some((log) => log.logger === 'relay/sample_later'));
    const outcome = seen.logs.find((log) => log.logger === 'relay/sample_later');
    expect(JSON.parse(String(outcome?.data))).toMatchObject({ content: { text: ANSWERS.sampling('later') } });
    // Its own connection never declared elicitation: the server itself knows the client cannot.
    const elicited = await client.callTool({ name: 'relay__elicit', arguments: { message: 'x' } });
    expect(text(elicited)).toMatch(/^error .*elicitation/i);
  });

  it('sends an attributed log message to the calling session only', async () => {
    const one = await asking(shared.key, {});
    const two = await asking(shared.key, {});
    await one.client.callTool({ name: 'relay__log', arguments: { message: 'for one' } });
    // A log sent after the call returned goes to the whole project: once both have it, the first
    // one would have arrived before it had it gone to the project too (one publisher, in order).
    await one.client.callTool({ name: 'relay__log_later', arguments: { message: 'for all' } });
    await waitFor(() => [one, two].every(({ seen }) => seen.logs.some((log) => log.data === 'for all')));
    expect(one.seen.logs.map((log) => log.data)).toEqual(['for one', 'for all']);
    expect(two.seen.logs.map((log) => log.data)).toEqual(['for all']);
  });
});
