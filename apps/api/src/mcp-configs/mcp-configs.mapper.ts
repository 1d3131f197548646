import type { ConnectionScope, McpConfigModel, McpServerModel, PinningMode, Transport } from '@bastion/db';
import { toWireEnum } from '../outbox/snapshot-entries';
import { SECRET_MASK } from './dto/mcp-server-fields';
import type { McpConfigDetailView, McpConfigView } from './dto/mcp-config.dto';
import type { McpServerView } from './dto/mcp-server.dto';
import { ServerSecretsSealer } from './server-secrets.sealer';

/** Wire enum values use `-` where Prisma enum members use `_` (`streamable-http` → `streamable_http`). */
export const toDbEnum = <T extends Transport | PinningMode | ConnectionScope>(value: string) =>
  value.replace(/-/g, '_') as T;

/** A config row with the number of its servers. */
export type McpConfigWithCount = McpConfigModel & { _count: { servers: number } };

export function toMcpConfigDto(row: McpConfigWithCount): McpConfigView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    pinningMode: toWireEnum(row.pinningMode),
    metaToolsEnabled: row.metaToolsEnabled,
    auditCapture: row.auditCapture,
    serverCount: row._count.servers,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A config with its servers (secrets masked). */
export function toMcpConfigDetailDto(row: McpConfigModel, servers: McpServerModel[]): McpConfigDetailView {
  return {
    ...toMcpConfigDto({ ...row, _count: { servers: servers.length } }),
    servers: servers.map(toMcpServerDto),
  };
}

/** A server as the API shows it: secret values replaced by the mask. */
export function toMcpServerDto(row: McpServerModel): McpServerView {
  const secrets = ServerSecretsSealer.stored(row);
  return {
    id: row.id,
    configId: row.configId,
    name: row.name,
    transport: toWireEnum(row.transport),
    command: row.command,
    args: row.args,
    env: ServerSecretsSealer.mask(secrets.env),
    url: row.url,
    headers: ServerSecretsSealer.mask(secrets.headers),
    toolPrefix: row.toolPrefix,
    toolsAllow: row.toolsAllow,
    toolsDeny: row.toolsDeny,
    inputPolicyId: row.inputPolicyId,
    outputPolicyId: row.outputPolicyId,
    oauth: secrets.oauth && { ...secrets.oauth, clientSecret: SECRET_MASK },
    connectTimeoutMs: row.connectTimeoutMs,
    discoveryTimeoutMs: row.discoveryTimeoutMs,
    callTimeoutMs: row.callTimeoutMs,
    connectionScope: row.connectionScope,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
