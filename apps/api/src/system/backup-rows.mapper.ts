import { guardrailRuleSchema } from '@bastion/contracts';
import {
  Prisma,
  type ApiKeyModel,
  type GuardrailPolicyModel,
  type McpConfigModel,
  type McpServerModel,
  type PinningMode,
  type ProjectMemberModel,
  type ProjectModel,
  type ToolPinModel,
  type Transport,
  type UserModel,
} from '@bastion/db';
import { z } from 'zod';
import { toWireEnum } from '../outbox/snapshot-entries';
import type { BackupData } from './dto/backup-rows.dto';

/** The rows of every backed-up table, as Prisma reads them. */
export interface BackupTables {
  users: UserModel[];
  projects: ProjectModel[];
  projectMembers: ProjectMemberModel[];
  apiKeys: ApiKeyModel[];
  mcpConfigs: McpConfigModel[];
  mcpServers: McpServerModel[];
  guardrailPolicies: GuardrailPolicyModel[];
  toolPins: ToolPinModel[];
}

/** The rows to insert on restore, in Prisma's terms. */
export interface BackupInserts {
  users: Prisma.UserCreateManyInput[];
  projects: Prisma.ProjectCreateManyInput[];
  projectMembers: Prisma.ProjectMemberCreateManyInput[];
  apiKeys: Prisma.ApiKeyCreateManyInput[];
  mcpConfigs: Prisma.McpConfigCreateManyInput[];
  mcpServers: Prisma.McpServerCreateManyInput[];
  guardrailPolicies: Prisma.GuardrailPolicyCreateManyInput[];
  toolPins: Prisma.ToolPinCreateManyInput[];
}

const sealedMap = z.record(z.string(), z.string());
const sealedOAuth = z
  .object({
    tokenUrl: z.string(),
    clientId: z.string(),
    clientSecret: z.string(),
    scope: z.string().nullable(),
    audience: z.string().nullable(),
  })
  .nullable();
const rules = z.array(guardrailRuleSchema);

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;
const stamps = (row: { createdAt: Date; updatedAt: Date }) => ({
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});
/** Wire enum names (`streamable-http`) back to Prisma's members (`streamable_http`). */
const fromWire = <T extends string>(value: string) => value.replace(/-/g, '_') as T;
const dates = (row: { createdAt: string; updatedAt: string }) => ({
  createdAt: new Date(row.createdAt),
  updatedAt: new Date(row.updatedAt),
});
const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));
const jsonOrNull = (value: unknown) =>
  value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue);

/** Maps stored rows to the backup's `data` section (dates as ISO strings, enums by wire name). */
export function toBackupData(tables: BackupTables): BackupData {
  return {
    users: tables.users.map((row) => ({ ...row, ...stamps(row) })),
    projects: tables.projects.map((row) => ({ ...row, ...stamps(row) })),
    projectMembers: tables.projectMembers.map((row) => ({ ...row, ...stamps(row) })),
    apiKeys: tables.apiKeys.map((row) => ({
      ...row,
      ...stamps(row),
      expiresAt: isoOrNull(row.expiresAt),
      rotatedAt: isoOrNull(row.rotatedAt),
    })),
    mcpConfigs: tables.mcpConfigs.map((row) => ({
      ...row,
      ...stamps(row),
      pinningMode: toWireEnum(row.pinningMode),
    })),
    mcpServers: tables.mcpServers.map((row) => ({
      ...row,
      ...stamps(row),
      transport: toWireEnum(row.transport),
      env: sealedMap.parse(row.env),
      headers: sealedMap.parse(row.headers),
      oauth: sealedOAuth.parse(row.oauth ?? null),
    })),
    guardrailPolicies: tables.guardrailPolicies.map((row) => ({
      ...row,
      ...stamps(row),
      rules: rules.parse(row.rules),
    })),
    toolPins: tables.toolPins.map((row) => ({ ...row, ...stamps(row) })),
  };
}

/** Maps a validated backup's `data` section to the rows to insert. */
export function toInserts(data: BackupData): BackupInserts {
  return {
    users: data.users.map((row) => ({ ...row, ...dates(row) })),
    projects: data.projects.map((row) => ({ ...row, ...dates(row) })),
    projectMembers: data.projectMembers.map((row) => ({ ...row, ...dates(row) })),
    apiKeys: data.apiKeys.map((row) => ({
      ...row,
      ...dates(row),
      expiresAt: dateOrNull(row.expiresAt),
      rotatedAt: dateOrNull(row.rotatedAt),
    })),
    mcpConfigs: data.mcpConfigs.map((row) => ({
      ...row,
      ...dates(row),
      pinningMode: fromWire<PinningMode>(row.pinningMode),
    })),
    mcpServers: data.mcpServers.map((row) => ({
      ...row,
      ...dates(row),
      transport: fromWire<Transport>(row.transport),
      oauth: jsonOrNull(row.oauth),
    })),
    guardrailPolicies: data.guardrailPolicies.map((row) => ({
      ...row,
      ...dates(row),
      rules: row.rules as Prisma.InputJsonValue,
    })),
    toolPins: data.toolPins.map((row) => ({
      ...row,
      ...dates(row),
      approvedDefinition: jsonOrNull(row.approvedDefinition),
      pendingDefinition: jsonOrNull(row.pendingDefinition),
    })),
  };
}

/** How many rows of each table a backup holds. */
export function countRows(data: BackupData): Record<keyof BackupData, number> {
  return {
    users: data.users.length,
    projects: data.projects.length,
    projectMembers: data.projectMembers.length,
    apiKeys: data.apiKeys.length,
    mcpConfigs: data.mcpConfigs.length,
    mcpServers: data.mcpServers.length,
    guardrailPolicies: data.guardrailPolicies.length,
    toolPins: data.toolPins.length,
  };
}
