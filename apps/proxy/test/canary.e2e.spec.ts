// Canary: secrets and PII go in through every entry point — tool arguments, tool outputs, request
// headers, error messages, REST bodies — and then every sink is searched for any 8-character fragment
// of them: the api's LOG_FILE, the worker's stdout (both at debug), audit rows, client-visible errors
// and both apps' metrics. The processes are real; nothing is mocked.
import { fixtureServerCommand } from '@bastion/testing';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './proxy-harness';
import { BastionCluster, type ProvisionedProject } from './support/bastion-cluster';
import { mcpPost, openSession, rpcRequest } from './support/raw-mcp';

const CANARIES = {
  openAi: 'sk-proj-CanaryQ7w8e9r0t1y2u3i4o5p6a7s8d9f0g1h2j3k4',
  aws: 'AKIAQ7CANARY5XJ2M4PZ',
  github: 'ghp_CanaryZ0x9c8v7b6n5m4l3k2j1h0g9f8d7s6a5',
  dbUrl: 'postgresql://admin:Can4ry-P@ss-w0rd@db.internal:5432/prod',
  email: 'canary.person@example.org',
  card: '4111 1111 1111 1111',
};
const FRAGMENTS = Object.values(CANARIES).flatMap((secret) => {
  const core = secret.replace(/^postgresql:\/\/admin:|@db.internal.*$/g, '');
  return Array.from({ length: Math.max(1, core.length - 7) }, (_, i) => core.slice(i, i + 8));
});

function leaks(sink: string, text: string): string[] {
  return FRAGMENTS.filter((fragment) => text.includes(fragment)).map((fragment) => `${sink}: …${fragment}…`);
}

describe('canary: no secret or PII reaches a sink', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bastion-canary-'));
  const apiLog = join(dir, 'api.log');
  let cluster: BastionCluster;
  let project: ProvisionedProject;
  const clientErrors: string[] = [];

  beforeAll(async () => {
    cluster = await BastionCluster.start(1, {
      api: { LOG_LEVEL: 'debug', LOG_FILE: apiLog },
      worker: { LOG_LEVEL: 'debug' },
    });
    project = await cluster.provision([
      {
        name: 'echo',
        transport: 'stdio',
        ...fixtureServerCommand('echo'),
        env: { UPSTREAM_TOKEN: CANARIES.github },
      },
    ]);
    const url = cluster.mcpUrls[0];
    await waitFor(
      () =>
        openSession(url, project.key).then(
          () => true,
          () => false,
        ),
      15_000,
    );
    const session = await openSession(url, project.key);
    const secretHeaders = { 'x-debug-token': CANARIES.openAi, cookie: `session=${CANARIES.aws}` };
    const send = async (method: string, params: Record<string, unknown>, headers = {}) => {
      const reply = await mcpPost(url, project.key, rpcRequest(method, params), session, headers);
      const error = reply.response?.error as { message?: string } | undefined;
      if (error) clientErrors.push(JSON.stringify(error));
    };
    // Tool arguments, and an output that echoes them back, with secret-bearing headers.
    await send(
      'tools/call',
      { name: 'echo__echo', arguments: { message: Object.values(CANARIES).join(' | ') } },
      secretHeaders,
    );
    // A tool output that dumps a credential from the upstream's environment.
    await send('tools/call', { name: 'echo__get_env', arguments: { name: 'UPSTREAM_TOKEN' } });
    // Error messages that quote client input.
    await send('tools/call', { name: `echo__${CANARIES.openAi}`, arguments: {} });
    await send('prompts/get', { name: CANARIES.aws });
    await send('resources/read', { uri: CANARIES.dbUrl });
    // A refused key that looks like a secret, and REST bodies carrying secrets.
    await mcpPost(url, `Bearer-${CANARIES.openAi}`, rpcRequest('ping'), session);
    await cluster.rest('POST', '/users', { email: CANARIES.openAi, name: CANARIES.dbUrl });
    await cluster.rest('PUT', '/guardrail-policies', {
      name: 'bad',
      rules: [{ detector: CANARIES.github, action: 'block' }],
    });
    await waitFor(async () => {
      const rows = await cluster.ok('GET', `/audit-events?projectId=${project.projectId}&method=tools/call`);
      return rows.items.length >= 3;
    }, 10_000);
  }, 90_000);

  afterAll(async () => {
    await cluster?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves no fragment in logs, audit rows, client errors or metrics', async () => {
    const found: string[] = [];
    found.push(...leaks('api LOG_FILE', readFileSync(apiLog, 'utf8')));
    found.push(...leaks('worker stdout/stderr', cluster.workers[0].output()));
    found.push(...leaks('api stdout/stderr', cluster.api.output()));
    found.push(...leaks('client errors', clientErrors.join('\n')));
    for (const service of [cluster.api, cluster.workers[0]]) {
      found.push(
        ...leaks(`${service.baseUrl}/metrics`, await (await fetch(`${service.baseUrl}/metrics`)).text()),
      );
    }
    found.push(...(await auditRows(cluster)));
    expect(found, clientErrors.join('\n')).toEqual([]);
    // The searches are not vacuous: the api logged at debug and the audit trail has the calls.
    expect(readFileSync(apiLog, 'utf8').length).toBeGreaterThan(1_000);
    expect(clientErrors.length).toBeGreaterThanOrEqual(3);
  });
});

async function auditRows(cluster: BastionCluster): Promise<string[]> {
  const items = (await cluster.ok('GET', '/audit-events?limit=500')).items as unknown[];
  const found = leaks('audit rows (REST)', JSON.stringify(items));
  return found;
}
