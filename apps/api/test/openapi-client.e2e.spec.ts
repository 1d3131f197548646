// The OpenAPI document is the integration contract: it must be a valid OpenAPI 3 document, every
// operation must carry a stable id, auth and typed errors, every field a description, and a client
// generated from it by a standard generator (openapi-typescript + openapi-fetch) must type-check
// and provision a project end to end against the real api.
import SwaggerParser from '@apidevtools/swagger-parser';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './api-harness';

type OpenApiDoc = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { operationId?: string; security?: unknown[]; responses: Record<string, unknown> }>
  >;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  security?: unknown[];
};

const PUBLIC_PATHS = ['/healthz', '/readyz', '/metrics'];
const CLIENT_DIR = join(__dirname, 'openapi-client');

function undocumentedFields(schema: unknown, where: string, out: string[]): string[] {
  if (!schema || typeof schema !== 'object') return out;
  const node = schema as {
    properties?: Record<string, { description?: string; $ref?: string }>;
    items?: unknown;
  };
  for (const [name, property] of Object.entries(node.properties ?? {})) {
    if (!property.description && !property.$ref) out.push(`${where}.${name}`);
    undocumentedFields(property, `${where}.${name}`, out);
  }
  if (node.items) undocumentedFields(node.items, `${where}[]`, out);
  return out;
}

describe('OpenAPI document', () => {
  const api = useApi();
  let doc: OpenApiDoc;
  beforeAll(async () => {
    doc = (await api.request('GET', '/api/docs-json', { key: null })).body;
  });

  it('is a valid OpenAPI 3 document with the bearer scheme', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
    expect(Object.values(doc.components.securitySchemes)).toContainEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    );
    expect((await api.request('GET', '/api/docs', { key: null })).status).toBe(200);
  });

  it('gives every operation a unique id, auth (unless public) and documented errors', () => {
    const ids: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
        ids.push(operation.operationId!);
        if (PUBLIC_PATHS.includes(path)) continue;
        expect(operation.security ?? doc.security, `${method} ${path} security`).toEqual([{ bearer: [] }]);
        expect(Object.keys(operation.responses), `${method} ${path} errors`).toEqual(
          expect.arrayContaining(['401']),
        );
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes every field of every schema', () => {
    const missing = Object.entries(doc.components.schemas).flatMap(([name, schema]) =>
      undocumentedFields(schema, name, []),
    );
    expect(missing, JSON.stringify(missing)).toEqual([]);
  });

  it('generates a client that type-checks and provisions a project end to end', async () => {
    mkdirSync(join(CLIENT_DIR, 'generated'), { recursive: true });
    // defaultNonNullable off: a field with a default is optional in a request, as the api treats it.
    const types = astToString(await openapiTS(doc as never, { defaultNonNullable: false }));
    writeFileSync(join(CLIENT_DIR, 'generated', 'bastion-api.d.ts'), types);
    const tsc = spawnSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', join(CLIENT_DIR, 'tsconfig.json')],
      {
        encoding: 'utf8',
      },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);

    // Imported by path at run time: it only type-checks once the client types above exist.
    const { provisionProject } = (await import(join(CLIENT_DIR, 'provision-project'))) as {
      provisionProject: (baseUrl: string, adminKey: string) => Promise<Record<string, string>>;
    };
    const first = await provisionProject(api.baseUrl, api.adminKey);
    expect(first.gatewayKey).toMatch(/^bgw_[0-9A-Za-z]{40}$/);
    const project = await api.request('GET', `/api/v1/projects/${first.projectId}`);
    expect(project.body.mcpConfigId).toBe(first.configId);

    // Provisioning twice must not fail or duplicate anything (only a second key is issued).
    const second = await provisionProject(api.baseUrl, api.adminKey);
    expect(second).toMatchObject({
      projectId: first.projectId,
      configId: first.configId,
      serverId: first.serverId,
    });
    expect((await api.request('GET', '/api/v1/projects?q=ci-project')).body.items).toHaveLength(1);
  });
});
