import { expect } from 'vitest';
import type { RequestOptions, TestResponse } from '../api-harness';

type Send = <T = any>(method: string, path: string, options?: RequestOptions) => Promise<TestResponse<T>>;
type Body = Record<string, unknown>;

/** A row the api created, as its response shows it. */
export type Created = { id: string } & Record<string, any>;
/** A key the api issued: its response, with the plaintext `key` it shows once. */
export type IssuedKey = Created & { key: string };

/** A stdio server definition (`node`), with any other fields given. */
export const stdioServer = (name: string, extra: Body = {}): Body => ({
  name,
  transport: 'stdio',
  command: 'node',
  ...extra,
});

/**
 * Set-up through the real REST API, as an operator would do it. Each helper asserts the 201 (the
 * response text is the failure message) and returns the created row. Tests of the endpoints
 * themselves call `api.request` instead, to see every answer.
 */
export function provisioning(send: Send) {
  const create = async <T = Created>(path: string, body: Body): Promise<T> => {
    const response = await send<T>('POST', path, { body });
    expect(response.status, `POST ${path}: ${response.text}`).toBe(201);
    return response.body;
  };
  /** A string stands for the one required field. */
  const named = (key: string, value: string | Body): Body =>
    typeof value === 'string' ? { [key]: value } : value;

  return {
    /** `createUser('a@b.c')` or `createUser({ email, name })`. */
    createUser: (user: string | Body) => create('/api/v1/users', named('email', user)),
    /** `createProject('name')` or `createProject({ name, description, mcpConfigId })`. */
    createProject: (project: string | Body) => create('/api/v1/projects', named('name', project)),
    /** `createConfig('name')` or `createConfig({ name, pinningMode, metaToolsEnabled, ... })`. */
    createConfig: (config: string | Body) => create('/api/v1/mcp-configs', named('name', config)),
    /** A server of a config; see `stdioServer` for a minimal definition. */
    createServer: (configId: string, server: Body) =>
      create(`/api/v1/mcp-configs/${configId}/servers`, server),
    /** `createPolicy('name')` (no rules) or `createPolicy({ name, rules, mode, ... })`. */
    createPolicy: (policy: string | Body) =>
      create('/api/v1/guardrail-policies', { rules: [], ...named('name', policy) }),
    /** Adds a user to a project (role `member` unless given). */
    addMember: (projectId: string, userId: string, role?: string) =>
      create<Record<string, any>>(`/api/v1/projects/${projectId}/members`, { userId, role }),
    /** A gateway key of a project and user; `extra` may name it or date its expiry. */
    createGatewayKey: (projectId: string, userId: string, extra: Body = {}) =>
      create<IssuedKey>('/api/v1/api-keys', { projectId, userId, ...extra }),
    /** An admin key (named `ops` unless `extra` says otherwise). */
    createAdminKey: (extra: Body = {}) =>
      create<IssuedKey>('/api/v1/api-keys', { kind: 'admin', name: 'ops', ...extra }),
  };
}

export type Provisioning = ReturnType<typeof provisioning>;
