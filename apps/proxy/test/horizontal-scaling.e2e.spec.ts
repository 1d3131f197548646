// Horizontal scaling, end to end: the api and three proxy workers as separate processes on one
// Postgres database and one Redis prefix, provisioned through the REST API. A session opened on one
// worker is served by the others; a session ended on one is gone on all; a key revoked through the
// API is refused by every worker.
import { fixtureServerCommand } from '@bastion/testing';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { waitFor } from './proxy-harness';
import { BastionCluster, type ProvisionedProject } from './support/bastion-cluster';
import { mcpPost, openGetStream, openSession, rpcRequest } from './support/raw-mcp';

describe('three workers behind one load balancer', () => {
  let cluster: BastionCluster;
  let project: ProvisionedProject;
  let urls: string[];

  beforeAll(async () => {
    cluster = await BastionCluster.start(3);
    urls = cluster.mcpUrls;
    project = await cluster.provision([
      { name: 'echo', transport: 'stdio', ...fixtureServerCommand('echo') },
    ]);
    // The relay publishes right after the commit; every worker knows the key within moments.
    await waitFor(async () => {
      const statuses = await Promise.all(
        urls.map((url) =>
          openSession(url, project.key).then(
            () => 200,
            () => 0,
          ),
        ),
      );
      return statuses.every((status) => status === 200);
    });
  }, 60_000);

  afterAll(() => cluster?.close());

  it('serves one session on every worker: initialize on 1, tools/list on 2, tools/call on 3', async () => {
    const [one, two, three] = urls as [string, string, string];
    const sessionId = await openSession(one, project.key);

    const list = await mcpPost(two, project.key, rpcRequest('tools/list'), sessionId);
    expect(list.status).toBe(200);
    const names = (list.response?.result?.tools ?? []).map((tool: { name: string }) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['echo__echo', 'echo__add']));

    const call = await mcpPost(
      three,
      project.key,
      rpcRequest('tools/call', { name: 'echo__echo', arguments: { message: 'across workers' } }),
      sessionId,
    );
    expect(call.status).toBe(200);
    expect(call.response?.result?.content).toEqual([{ type: 'text', text: 'across workers' }]);
  });

  it('ends a session on every worker when one worker gets DELETE /mcp', async () => {
    const [one, two, three] = urls as [string, string, string];
    const sessionId = await openSession(one, project.key);
    for (const url of urls)
      expect((await mcpPost(url, project.key, rpcRequest('ping'), sessionId)).status).toBe(200);

    const deleted = await fetch(two, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${project.key}`, 'mcp-session-id': sessionId },
    });
    expect(deleted.status).toBe(200);

    // Workers 1 and 3 served this session before: they learn of the end through Redis pub/sub.
    await waitFor(async () => {
      const statuses = await Promise.all(
        [one, three].map(
          async (url) => (await mcpPost(url, project.key, rpcRequest('ping'), sessionId)).status,
        ),
      );
      return statuses.every((status) => status === 404);
    }, 2_000);
    expect((await mcpPost(two, project.key, rpcRequest('ping'), sessionId)).status).toBe(404);
  });

  it('closes the GET streams of a session ended on another worker', async () => {
    const [one, two, three] = urls as [string, string, string];
    const sessionId = await openSession(one, project.key);
    const streams = await Promise.all([one, two].map((url) => openGetStream(url, project.key, sessionId)));
    onTestFinished(() => streams.forEach((stream) => stream.close()));
    expect(streams.map((stream) => stream.status)).toEqual([200, 200]);
    const deleted = await fetch(three, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${project.key}`, 'mcp-session-id': sessionId },
    });
    expect(deleted.status).toBe(200);
    await Promise.all(streams.map((stream) => expect(stream.ended(2_000)).resolves.toBe(true)));
  });

  it('stops a key revoked through the API on all three workers (cutoff measured)', async ({ annotate }) => {
    const issued = await cluster.ok('POST', '/api-keys', {
      projectId: project.projectId,
      userId: project.userId,
      name: 'revoke-me',
    });
    const sessions = await waitForSessions(urls, issued.key);

    const started = performance.now();
    const revoked = await cluster.rest('DELETE', `/api-keys/${issued.id}`);
    const committed = performance.now();
    expect(revoked.status).toBeLessThan(300);

    const refusedAt = await Promise.all(
      urls.map((url, index) => firstRefusal(url, issued.key, sessions[index], 5_000)),
    );
    const afterCommit = refusedAt.map((at) => Math.max(0, at - committed));
    const worst = Math.max(...afterCommit);
    await annotate(
      `revoked-key cutoff after the DELETE answered: ${afterCommit.map((ms) => ms.toFixed(1)).join(' / ')} ms ` +
        `(worst ${worst.toFixed(1)} ms; ${(Math.max(...refusedAt) - started).toFixed(1)} ms from sending the DELETE)`,
    );
    // ARCHITECTURE targets 100 ms p99; one sample on a loaded CI box gets generous headroom.
    expect(worst).toBeLessThan(1_000);

    // Refused for good, on every worker, also for a new session.
    for (const url of urls)
      expect(
        (
          await mcpPost(
            url,
            issued.key,
            rpcRequest('initialize', {
              protocolVersion: '2025-06-18',
              capabilities: {},
              clientInfo: { name: 'x', version: '1' },
            }),
          )
        ).status,
      ).toBe(401);
    // The other key of the project is untouched.
    expect(
      (await mcpPost(urls[0], project.key, rpcRequest('ping'), await openSession(urls[0], project.key)))
        .status,
    ).toBe(200);
  });
});

/** A session on every worker for a freshly issued key (the key reaches the workers asynchronously). */
async function waitForSessions(urls: string[], key: string): Promise<string[]> {
  const sessions: string[] = [];
  for (const url of urls) {
    let sessionId: string | undefined;
    await waitFor(async () => {
      sessionId = await openSession(url, key).catch(() => undefined);
      return sessionId !== undefined;
    });
    sessions.push(sessionId!);
  }
  return sessions;
}

/** Pings until the worker answers 401; resolves with the time (performance.now) of the first 401. */
async function firstRefusal(url: string, key: string, sessionId: string, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const { status } = await mcpPost(url, key, rpcRequest('ping'), sessionId);
    if (status === 401) return performance.now();
    if (status !== 200) throw new Error(`unexpected ${status} from ${url} while waiting for the revocation`);
  }
  throw new Error(`${url} still accepted the revoked key after ${timeoutMs} ms`);
}
