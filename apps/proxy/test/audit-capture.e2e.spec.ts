// Audit capture levels end to end: a config set to "payload" records the redacted params and result of
// each answered request; one set to "none" records no request events, while session starts still are.
import { fixtureServerCommand } from '@bastion/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './proxy-harness';
import { BastionCluster, type ProvisionedProject } from './support/bastion-cluster';
import { mcpPost, openSession, rpcRequest } from './support/raw-mcp';

type Row = Record<string, unknown>;

describe('audit capture levels', () => {
  let cluster: BastionCluster;
  let payload: ProvisionedProject;
  let none: ProvisionedProject;
  let url: string;
  const echo = () => [{ name: 'echo', transport: 'stdio', ...fixtureServerCommand('echo') }];
  const search = async (query: string) =>
    (await cluster.ok<{ items: Row[] }>('GET', `/audit-events?${query}`)).items;
  const ready = (project: ProvisionedProject) =>
    waitFor(
      () =>
        openSession(url, project.key).then(
          () => true,
          () => false,
        ),
      15_000,
    );

  beforeAll(async () => {
    cluster = await BastionCluster.start(1);
    url = cluster.mcpUrls[0];
    payload = await cluster.provision(echo(), { auditCapture: 'payload' });
    none = await cluster.provision(echo(), { auditCapture: 'none' });
    await Promise.all([ready(payload), ready(none)]);
  }, 60_000);
  afterAll(() => cluster?.close());

  it('records the redacted params and result under "payload", and no request events under "none"', async () => {
    const secret = 'sk-proj-Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0PpOoNnMmLlKkJj';
    const call = rpcRequest('tools/call', { name: 'echo__echo', arguments: { message: secret } });

    const quiet = await openSession(url, none.key);
    await mcpPost(url, none.key, call, quiet);
    await mcpPost(url, none.key, rpcRequest('ping'), quiet);
    const loud = await openSession(url, payload.key);
    await mcpPost(url, payload.key, call, loud);

    await waitFor(
      async () => (await search(`projectId=${payload.projectId}&type=response&tool=echo`)).length >= 1,
      10_000,
    );
    const [row] = await search(`projectId=${payload.projectId}&type=response&tool=echo`);
    expect(row).toMatchObject({ method: 'tools/call', server: 'echo', tool: 'echo', status: 'ok' });
    const recorded = row['payload'] as { params: { name: string; arguments: { message: string } } };
    expect(recorded.params.name).toBe('echo__echo');
    expect(recorded.params.arguments.message).toContain('[REDACTED');
    expect(recorded).toHaveProperty('result');
    expect(JSON.stringify(recorded)).not.toContain(secret);

    await waitFor(
      async () => (await search(`projectId=${none.projectId}&type=session.start`)).length >= 1,
      10_000,
    );
    expect(await search(`projectId=${none.projectId}&type=response`)).toEqual([]);
    expect(await search(`projectId=${none.projectId}&type=error`)).toEqual([]);

    const everything = JSON.stringify(await search('limit=500'));
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(payload.key);
  });
});
