// The audit trail end to end, as separate processes: a proxy worker records what it serves, the events
// travel over the real BullMQ queue, the api stores them, and they are searchable over REST — with no
// key, argument or secret in them.
import { fixtureServerCommand } from '@bastion/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './proxy-harness';
import { BastionCluster, type ProvisionedProject } from './support/bastion-cluster';
import { mcpPost, openSession, rpcRequest } from './support/raw-mcp';

describe('audit trail', () => {
  let cluster: BastionCluster;
  let project: ProvisionedProject;
  let url: string;

  beforeAll(async () => {
    cluster = await BastionCluster.start(1);
    url = cluster.mcpUrls[0];
    project = await cluster.provision([
      { name: 'echo', transport: 'stdio', ...fixtureServerCommand('echo') },
    ]);
    await waitFor(
      () =>
        openSession(url, project.key).then(
          () => true,
          () => false,
        ),
      15_000,
    );
  }, 60_000);
  afterAll(() => cluster?.close());

  it('records sessions, calls, errors and refused keys, and finds them by filter', async () => {
    const sessionId = await openSession(url, project.key);
    const secret = 'sk-proj-Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0PpOoNnMmLlKkJj';
    await mcpPost(
      url,
      project.key,
      rpcRequest('tools/call', { name: 'echo__echo', arguments: { message: secret } }),
      sessionId,
    );
    await mcpPost(
      url,
      project.key,
      rpcRequest('tools/call', { name: 'echo__nope', arguments: {} }),
      sessionId,
    );
    await mcpPost(url, 'bgw_' + 'N'.repeat(40), rpcRequest('ping'), sessionId);

    const search = (query: string) =>
      cluster.ok<{ items: Array<Record<string, unknown>> }>('GET', `/audit-events?${query}`);
    await waitFor(
      async () => (await search(`projectId=${project.projectId}&tool=echo`)).items.length >= 1,
      10_000,
    );
    const calls = (await search(`projectId=${project.projectId}&method=tools/call`)).items;
    expect(calls).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'response',
          server: 'echo',
          tool: 'echo',
          status: 'ok',
          keyId: project.keyId,
        }),
        expect.objectContaining({ type: 'error', tool: 'nope', status: 'error', errorCode: -32602 }),
      ]),
    );
    const started = (await search(`projectId=${project.projectId}&type=session.start`)).items;
    expect(started.length).toBeGreaterThanOrEqual(1);
    await waitFor(async () => (await search('type=auth.failure')).items.length >= 1, 10_000);

    const everything = JSON.stringify((await search('limit=500')).items);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(project.key);
  });
});
