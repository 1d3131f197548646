import {
  emptySnapshot,
  type ConfigEntry,
  type GatewayKeyEntry,
  type PolicyEntry,
  type ProjectEntry,
  type ServerEntry,
  type Snapshot,
} from '@bastion/contracts';
import { createHash, randomUUID } from 'node:crypto';

// Builders of valid snapshot entries for the specs of this folder.

/** SHA-256 hex, as GatewayKeyEntry.keyHash stores it. */
export const hashKey = (plaintext: string) => createHash('sha256').update(plaintext).digest('hex');

export function keyEntry(projectId: string, overrides: Partial<GatewayKeyEntry> = {}): GatewayKeyEntry {
  return {
    id: randomUUID(),
    keyHash: hashKey(`bgw_${randomUUID()}`),
    projectId,
    userId: null,
    status: 'active',
    expiresAt: null,
    ...overrides,
  };
}

export function projectEntry(
  mcpConfigId: string | null,
  overrides: Partial<ProjectEntry> = {},
): ProjectEntry {
  return { id: randomUUID(), name: 'project', mcpConfigId, ...overrides };
}

export function configEntry(overrides: Partial<ConfigEntry> = {}): ConfigEntry {
  return {
    id: randomUUID(),
    name: 'config',
    pinningMode: 'trust-on-first-use',
    metaToolsEnabled: false,
    auditCapture: 'metadata',
    ...overrides,
  };
}

export function serverEntry(
  configId: string,
  name: string,
  overrides: Partial<ServerEntry> = {},
): ServerEntry {
  return {
    id: randomUUID(),
    configId,
    name,
    transport: 'streamable-http',
    command: null,
    args: [],
    env: {},
    url: `http://127.0.0.1/${name}`,
    headers: {},
    oauth: null,
    timeouts: { connectMs: 1_000, discoveryMs: 1_000, callMs: 1_000 },
    toolPrefix: null,
    toolsAllow: [],
    toolsDeny: [],
    connectionScope: 'project',
    enabled: true,
    inputPolicyId: null,
    outputPolicyId: null,
    ...overrides,
  };
}

export function policyEntry(overrides: Partial<PolicyEntry> = {}): PolicyEntry {
  return { id: randomUUID(), name: 'policy', mode: 'enforce', failMode: 'closed', rules: [], ...overrides };
}

/** Entries by id, as a snapshot holds them. */
export function byId<T extends { id: string }>(...entries: T[]): Record<string, T> {
  return Object.fromEntries(entries.map((entry) => [entry.id, entry]));
}

/** A small world: one project with a config of three servers (one disabled) and one active key. */
export function sampleWorld(version = 1) {
  const config = configEntry();
  const project = projectEntry(config.id);
  const key = keyEntry(project.id);
  const servers = [
    serverEntry(config.id, 'zeta'),
    serverEntry(config.id, 'alpha'),
    serverEntry(config.id, 'off', { enabled: false }),
  ];
  const policy = policyEntry();
  const snapshot: Snapshot = {
    ...emptySnapshot(),
    version,
    keys: byId(key),
    projects: byId(project),
    configs: byId(config),
    servers: byId(...servers),
    policies: byId(policy),
  };
  return { snapshot, config, project, key, servers, policy };
}
