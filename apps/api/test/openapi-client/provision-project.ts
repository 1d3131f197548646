// A provisioning script written only against the types that openapi-typescript generated from
// /api/docs-json (./generated/bastion-api.d.ts, written by openapi-client.e2e.spec.ts). If the
// OpenAPI document drifts from what the api accepts, this file stops type-checking or running.
import createClient from 'openapi-fetch';
import type { paths } from './generated/bastion-api';

export interface Provisioned {
  projectId: string;
  configId: string;
  serverId: string;
  policyId: string;
  gatewayKey: string;
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} failed`);
  return value;
}

export async function provisionProject(baseUrl: string, adminKey: string): Promise<Provisioned> {
  const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${adminKey}` } });
  const user = must(
    (await client.PUT('/api/v1/users', { body: { email: 'ci-bot@example.com', name: 'CI' } })).data,
    'user',
  );
  const policy = must(
    (
      await client.PUT('/api/v1/guardrail-policies', {
        body: {
          name: 'default-guard',
          rules: [{ detector: 'secrets', action: 'redact', direction: 'both' }],
        },
      })
    ).data,
    'policy',
  );
  const config = must(
    (await client.PUT('/api/v1/mcp-configs', { body: { name: 'ci-config' } })).data,
    'config',
  );
  const server = must(
    (
      await client.PUT('/api/v1/mcp-configs/{id}/servers', {
        params: { path: { id: config.id } },
        body: {
          name: 'memory',
          transport: 'stdio',
          command: 'mcp-server-memory',
          env: { MEMORY_FILE_PATH: '/tmp/memory.json' },
          inputPolicyId: policy.id,
        },
      })
    ).data,
    'server',
  );
  const project = must(
    (await client.PUT('/api/v1/projects', { body: { name: 'ci-project' } })).data,
    'project',
  );
  must(
    (
      await client.PATCH('/api/v1/projects/{id}', {
        params: { path: { id: project.id } },
        body: { mcpConfigId: config.id },
      })
    ).data,
    'assign',
  );
  const key = must(
    (await client.POST('/api/v1/api-keys', { body: { projectId: project.id, userId: user.id, name: 'ci' } }))
      .data,
    'key',
  );
  return {
    projectId: project.id,
    configId: config.id,
    serverId: server.id,
    policyId: policy.id,
    gatewayKey: key.key,
  };
}
