import { z } from 'zod';
import { guardrailRuleSchema } from './guardrail-rule.schema';

const id = z.string().uuid();
const isoTime = z.string().datetime({ offset: true });
/** Secret values stay sealed (AES-256-GCM) in the snapshot; only a worker holding the master key opens them. */
const sealedMap = z.record(z.string(), z.string());

export const gatewayKeyEntrySchema = z.object({
  id,
  keyHash: z.string().regex(/^[0-9a-f]{64}$/),
  projectId: id,
  userId: id.nullable(),
  status: z.enum(['active', 'disabled']),
  expiresAt: isoTime.nullable(),
});

export const projectEntrySchema = z.object({ id, name: z.string(), mcpConfigId: id.nullable() });

export const configEntrySchema = z.object({
  id,
  name: z.string(),
  pinningMode: z.enum(['trust-on-first-use', 'require-approval']),
  metaToolsEnabled: z.boolean(),
  /** How much of each answered request the worker records in the audit trail (absent in older snapshots). */
  auditCapture: z.enum(['none', 'metadata', 'payload']).default('metadata'),
});

export const oauthEntrySchema = z.object({
  tokenUrl: z.string(),
  clientId: z.string(),
  clientSecret: z.string().describe('Sealed.'),
  scope: z.string().nullable(),
  audience: z.string().nullable(),
});

export const serverEntrySchema = z.object({
  id,
  configId: id,
  name: z.string(),
  transport: z.enum(['stdio', 'streamable-http', 'sse']),
  command: z.string().nullable(),
  args: z.array(z.string()),
  env: sealedMap,
  url: z.string().nullable(),
  headers: sealedMap,
  oauth: oauthEntrySchema.nullable(),
  timeouts: z.object({ connectMs: z.number(), discoveryMs: z.number(), callMs: z.number() }),
  toolPrefix: z.string().nullable(),
  toolsAllow: z.array(z.string()),
  toolsDeny: z.array(z.string()),
  connectionScope: z.enum(['project', 'session']),
  enabled: z.boolean(),
  inputPolicyId: id.nullable(),
  outputPolicyId: id.nullable(),
});

/** A guardrail policy. Header values of `remote` rules (`options.headers`) are sealed like `sealedMap`'s. */
export const policyEntrySchema = z.object({
  id,
  name: z.string(),
  mode: z.enum(['enforce', 'monitor']),
  failMode: z.enum(['closed', 'open']),
  rules: z.array(guardrailRuleSchema),
});

export const toolPinEntrySchema = z.object({
  id,
  serverId: id,
  toolName: z.string(),
  status: z.enum(['approved', 'pending']),
  approvedHash: z.string().nullable(),
  pendingHash: z.string().nullable(),
});

/** Entity kinds that travel to the workers, and the schema of each. */
export const SNAPSHOT_ENTITIES = {
  keys: gatewayKeyEntrySchema,
  projects: projectEntrySchema,
  configs: configEntrySchema,
  servers: serverEntrySchema,
  policies: policyEntrySchema,
  toolPins: toolPinEntrySchema,
} as const;

export type SnapshotEntity = keyof typeof SNAPSHOT_ENTITIES;
export const SNAPSHOT_ENTITY_NAMES = Object.keys(SNAPSHOT_ENTITIES) as SnapshotEntity[];

const byId = <T extends z.ZodType>(schema: T) => z.record(z.string(), schema);

/** Everything a proxy worker needs to serve, at one config version. */
export const snapshotSchema = z.object({
  version: z.number().int().nonnegative(),
  keys: byId(gatewayKeyEntrySchema),
  projects: byId(projectEntrySchema),
  configs: byId(configEntrySchema),
  servers: byId(serverEntrySchema),
  policies: byId(policyEntrySchema),
  toolPins: byId(toolPinEntrySchema),
});

export type Snapshot = z.infer<typeof snapshotSchema>;
export type GatewayKeyEntry = z.infer<typeof gatewayKeyEntrySchema>;
export type ProjectEntry = z.infer<typeof projectEntrySchema>;
export type ConfigEntry = z.infer<typeof configEntrySchema>;
export type ServerEntry = z.infer<typeof serverEntrySchema>;
export type PolicyEntry = z.infer<typeof policyEntrySchema>;
export type ToolPinEntry = z.infer<typeof toolPinEntrySchema>;
export type SnapshotEntry<E extends SnapshotEntity> = z.infer<(typeof SNAPSHOT_ENTITIES)[E]>;

/** A snapshot with nothing in it, at version 0. */
export function emptySnapshot(): Snapshot {
  return { version: 0, keys: {}, projects: {}, configs: {}, servers: {}, policies: {}, toolPins: {} };
}
