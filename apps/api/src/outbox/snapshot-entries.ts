import {
  guardrailRuleSchema,
  type ConfigEntry,
  type GatewayKeyEntry,
  type PolicyEntry,
  type ProjectEntry,
  type ServerEntry,
  type ToolPinEntry,
} from '@bastion/contracts';
import type {
  ApiKeyModel,
  GuardrailPolicyModel,
  McpConfigModel,
  McpServerModel,
  ProjectModel,
  ToolPinModel,
} from '@bastion/db';
import { z } from 'zod';

/** Prisma enum members use `_` where the wire names use `-` (`streamable_http` ↔ `streamable-http`). */
export const toWireEnum = <T extends string>(value: string) => value.replace(/_/g, '-') as T;

const sealedMap = z.record(z.string(), z.string());
const oauthColumn = z
  .object({
    tokenUrl: z.string(),
    clientId: z.string(),
    clientSecret: z.string(),
    scope: z.string().nullable(),
    audience: z.string().nullable(),
  })
  .nullable();

/** A gateway key as the workers see it (admin keys never leave the api). */
export function toKeyEntry(row: ApiKeyModel): GatewayKeyEntry {
  return {
    id: row.id,
    keyHash: row.keyHash,
    projectId: row.projectId ?? '',
    userId: row.userId,
    status: row.status,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

export function toProjectEntry(row: ProjectModel): ProjectEntry {
  return { id: row.id, name: row.name, mcpConfigId: row.mcpConfigId };
}

export function toConfigEntry(row: McpConfigModel): ConfigEntry {
  return {
    id: row.id,
    name: row.name,
    pinningMode: toWireEnum(row.pinningMode),
    metaToolsEnabled: row.metaToolsEnabled,
    auditCapture: row.auditCapture,
  };
}

export function toServerEntry(row: McpServerModel): ServerEntry {
  return {
    id: row.id,
    configId: row.configId,
    name: row.name,
    transport: toWireEnum(row.transport),
    command: row.command,
    args: row.args,
    env: sealedMap.parse(row.env),
    url: row.url,
    headers: sealedMap.parse(row.headers),
    oauth: oauthColumn.parse(row.oauth ?? null),
    timeouts: {
      connectMs: row.connectTimeoutMs,
      discoveryMs: row.discoveryTimeoutMs,
      callMs: row.callTimeoutMs,
    },
    toolPrefix: row.toolPrefix,
    toolsAllow: row.toolsAllow,
    toolsDeny: row.toolsDeny,
    connectionScope: row.connectionScope,
    enabled: row.enabled,
    inputPolicyId: row.inputPolicyId,
    outputPolicyId: row.outputPolicyId,
  };
}

/** A policy as the workers see it: remote rules' header values as stored, sealed. */
export function toPolicyEntry(row: GuardrailPolicyModel): PolicyEntry {
  return {
    id: row.id,
    name: row.name,
    mode: row.mode,
    failMode: row.failMode,
    rules: z.array(guardrailRuleSchema).parse(row.rules),
  };
}

export function toToolPinEntry(row: ToolPinModel): ToolPinEntry {
  return {
    id: row.id,
    serverId: row.serverId,
    toolName: row.toolName,
    status: row.status,
    approvedHash: row.approvedHash,
    pendingHash: row.pendingHash,
  };
}
