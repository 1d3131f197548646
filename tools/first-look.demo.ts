import { dirname, join } from 'node:path';

/** Calls the local api as an admin would; throws with the api's message on failure. */
async function call<T>(apiUrl: string, adminKey: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${apiUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = (await response.json()) as T & { message?: string };
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${payload.message ?? ''}`);
  return payload;
}

/** The reference MCP server shipped as a dependency, run with this Node over stdio. */
function everythingServer(): { command: string; args: string[] } {
  const root = dirname(require.resolve('@modelcontextprotocol/server-everything/package.json'));
  return { command: process.execPath, args: [join(root, 'dist', 'index.js'), 'stdio'] };
}

/** Provisions (idempotently) a demo project and returns a fresh gateway key for it. */
export async function provisionDemo(apiUrl: string, adminKey: string): Promise<string> {
  const user = await call<{ id: string }>(apiUrl, adminKey, 'PUT', '/users', { email: 'demo@bastion.local', name: 'Demo' });
  const config = await call<{ id: string }>(apiUrl, adminKey, 'PUT', '/mcp-configs', {
    name: 'demo',
    description: 'First-look demo: the MCP reference server "everything".',
  });
  const policy = await call<{ id: string }>(apiUrl, adminKey, 'PUT', '/guardrail-policies', {
    name: 'demo',
    description: 'First-look demo: secrets and personal data redacted, prompt injection blocked.',
    rules: [
      { detector: 'secrets', action: 'redact', direction: 'both' },
      { detector: 'pii', action: 'redact', direction: 'both' },
      { detector: 'injection', action: 'block', direction: 'output' },
    ],
  });
  await call(apiUrl, adminKey, 'PUT', `/mcp-configs/${config.id}/servers`, {
    name: 'everything',
    transport: 'stdio',
    ...everythingServer(),
    inputPolicyId: policy.id,
    outputPolicyId: policy.id,
  });
  const project = await call<{ id: string }>(apiUrl, adminKey, 'PUT', '/projects', { name: 'demo', mcpConfigId: config.id });
  const old = await call<{ items: Array<{ id: string; name: string | null }> }>(
    apiUrl,
    adminKey,
    'GET',
    `/api-keys?projectId=${project.id}&kind=gateway`,
  );
  for (const key of old.items.filter((k) => k.name === 'first-look')) {
    await call(apiUrl, adminKey, 'DELETE', `/api-keys/${key.id}`);
  }
  const issued = await call<{ key: string }>(apiUrl, adminKey, 'POST', '/api-keys', {
    projectId: project.id,
    userId: user.id,
    name: 'first-look',
  });
  return issued.key;
}

/** The banner of a first look: where everything is and how to connect a client. */
export function printFirstLook(urls: { apiUrl: string; mcpUrl: string; adminKey: string; gatewayKey: string }): void {
  const { apiUrl, mcpUrl, adminKey, gatewayKey } = urls;
  process.stderr.write(
    [
      '',
      '  Bastion is running (first look: embedded database, in-process Redis stand-in).',
      '',
      `  MCP endpoint:  ${mcpUrl}`,
      `  Gateway key:   ${gatewayKey}   (project "demo", fronting the MCP "everything" server)`,
      '  Guardrails:    policy "demo": secrets and personal data redacted, injected instructions blocked',
      `  Swagger UI:    ${apiUrl}/api/docs`,
      `  Admin key:     ${adminKey}`,
      '',
      `  MCP Inspector: npx @modelcontextprotocol/inspector --cli ${mcpUrl} --transport http \\`,
      `                   --header "Authorization: Bearer ${gatewayKey}" --method tools/list`,
      '  Claude Desktop / Cursor: see README → "Connect a client". Keys are new at every start.',
      '',
    ].join('\n') + '\n',
  );
}
