import { guardrailRuleSchema } from '@bastion/contracts';
import { SecretBox } from '@bastion/crypto';
import { z } from 'zod';
import { withHeaders } from '../../guardrail-policies/policy-secrets.sealer';
import { ruleOptionIssues } from '../../guardrail-policies/rule-options.validator';

// One schema per backed-up table: every column, dates as ISO 8601 strings, enums by their wire
// names. They validate a backup before a restore touches the database, so the rows must also be
// what the snapshot the workers load expects (hashes, sealed maps, rules).

const id = (what: string) => z.guid().describe(`${what} id (UUID).`);
const ref = (what: string) => z.guid().nullable().describe(`${what} id (UUID), or null.`);
const time = (what: string) => z.iso.datetime({ offset: true }).describe(`${what} (ISO 8601).`);
const optionalTime = (what: string) =>
  z.iso.datetime({ offset: true }).nullable().describe(`${what} (ISO 8601), or null.`);
const text = (what: string) => z.string().describe(what);
const optionalText = (what: string) => z.string().nullable().describe(`${what}, or null.`);
const stamps = { createdAt: time('Creation time'), updatedAt: time('Last change') };
const sealedMap = (what: string) =>
  z
    .record(z.string(), z.string())
    .describe(`${what}: name → value sealed under BASTION_MASTER_KEY (never plaintext).`);
const timeoutMs = (what: string) =>
  z.number().int().min(1).max(2_147_483_647).describe(`${what} timeout in milliseconds.`);

export const backupUserSchema = z
  .object({
    id: id('User'),
    email: z.string().min(1).describe('E-mail address.'),
    name: optionalText('Display name'),
    ...stamps,
  })
  .strict();

export const backupProjectSchema = z
  .object({
    id: id('Project'),
    name: z.string().min(1).describe('Project name.'),
    description: optionalText('Description'),
    mcpConfigId: ref('Assigned MCP config'),
    ...stamps,
  })
  .strict();

export const backupProjectMemberSchema = z
  .object({
    projectId: id('Project'),
    userId: id('User'),
    role: z.enum(['owner', 'admin', 'member', 'viewer']).describe('Role in the project.'),
    ...stamps,
  })
  .strict();

export const backupApiKeySchema = z
  .object({
    id: id('Key'),
    kind: z.enum(['gateway', 'admin']).describe('`gateway` (MCP clients) or `admin` (REST).'),
    name: optionalText('Label'),
    keyHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('SHA-256 of the key (hex); the plaintext is never stored.'),
    keyPrefix: text('First eight characters of the key.'),
    lastFour: text('Last four characters of the key.'),
    status: z.enum(['active', 'disabled']).describe('`active` or `disabled`.'),
    projectId: ref('Project of a gateway key'),
    userId: ref('Owner'),
    expiresAt: optionalTime('Expiry'),
    rotatedAt: optionalTime('Last rotation'),
    ...stamps,
  })
  .strict()
  .refine((key) => key.kind !== 'gateway' || key.projectId !== null, {
    path: ['projectId'],
    message: 'A gateway key needs a project.',
  });

export const backupMcpConfigSchema = z
  .object({
    id: id('Config'),
    name: z.string().min(1).describe('Config name.'),
    description: optionalText('Description'),
    pinningMode: z
      .enum(['trust-on-first-use', 'require-approval'])
      .describe('How tool definitions are pinned.'),
    metaToolsEnabled: z.boolean().describe('Whether the gateway meta-tools are offered.'),
    auditCapture: z
      .enum(['none', 'metadata', 'payload'])
      .default('metadata')
      .describe('What the audit trail records of answered requests (absent in older backups: `metadata`).'),
    ...stamps,
  })
  .strict();

const sealedOAuthSchema = z
  .object({
    tokenUrl: text('Token endpoint URL.'),
    clientId: text('OAuth client id.'),
    clientSecret: text('OAuth client secret, sealed under BASTION_MASTER_KEY.'),
    scope: optionalText('Scope'),
    audience: optionalText('Audience'),
  })
  .strict();

export const backupMcpServerSchema = z
  .object({
    id: id('Server'),
    configId: id('Config'),
    name: z.string().min(1).describe('Server name, unique within its config.'),
    transport: z.enum(['stdio', 'streamable-http', 'sse']).describe('How the gateway reaches the server.'),
    command: optionalText('Command (stdio)'),
    args: z.array(z.string()).describe('Command arguments (stdio).'),
    env: sealedMap('Environment variables'),
    url: optionalText('URL (HTTP transports)'),
    headers: sealedMap('HTTP headers'),
    oauth: sealedOAuthSchema.nullable().describe('OAuth client credentials, or null.'),
    connectTimeoutMs: timeoutMs('Connect'),
    discoveryTimeoutMs: timeoutMs('Discovery'),
    callTimeoutMs: timeoutMs('Tool call'),
    toolPrefix: optionalText('Tool name prefix'),
    toolsAllow: z.array(z.string()).describe('Allowed tools (empty: all).'),
    toolsDeny: z.array(z.string()).describe('Denied tools.'),
    connectionScope: z.enum(['project', 'session']).describe('Upstream connection sharing.'),
    enabled: z.boolean().describe('Whether the server is served.'),
    inputPolicyId: ref('Input guardrail policy'),
    outputPolicyId: ref('Output guardrail policy'),
    ...stamps,
  })
  .strict();

/**
 * A stored rule: options checked as on save, except remote header values already sealed. Their
 * sealed form is longer than the value (an 8,192-character value seals to about 11,000), so the
 * restore checks them opened (`ensureSealedHeadersFit`). Plaintext values, from backups taken
 * before header values were sealed, are checked as given; the restore seals them.
 */
const backupRuleSchema = guardrailRuleSchema.superRefine((rule, ctx) => {
  const sealedSetAside = withHeaders(rule, (value) => (SecretBox.isSealed(value) ? '' : value));
  for (const issue of ruleOptionIssues(sealedSetAside))
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

export const backupGuardrailPolicySchema = z
  .object({
    id: id('Policy'),
    name: z.string().min(1).describe('Policy name.'),
    description: optionalText('Description'),
    mode: z.enum(['enforce', 'monitor']).describe('`enforce` or `monitor`.'),
    failMode: z.enum(['closed', 'open']).describe('`closed` or `open`.'),
    rules: z
      .array(backupRuleSchema)
      .max(100)
      .describe(
        'The rules, applied in order (≤ 100); remote header values sealed (plaintext in older backups).',
      ),
    ...stamps,
  })
  .strict();

export const backupToolPinSchema = z
  .object({
    id: id('Pin'),
    serverId: id('Server'),
    toolName: z.string().min(1).describe('Tool name as the upstream server names it.'),
    status: z
      .enum(['approved', 'pending'])
      .describe('`approved` or `pending` (a changed definition awaits approval).'),
    approvedHash: optionalText('Hash of the approved definition'),
    approvedDefinition: z.unknown().describe('The approved tool definition (JSON), or null.'),
    pendingHash: optionalText('Hash of the definition awaiting approval'),
    pendingDefinition: z.unknown().describe('The definition awaiting approval (JSON), or null.'),
    ...stamps,
  })
  .strict();

/** Every backed-up table. */
export const backupDataSchema = z
  .object({
    users: z.array(backupUserSchema).describe('Users.'),
    projects: z.array(backupProjectSchema).describe('Projects.'),
    projectMembers: z.array(backupProjectMemberSchema).describe('Project memberships.'),
    apiKeys: z.array(backupApiKeySchema).describe('Gateway and admin keys: hashes and hints only.'),
    mcpConfigs: z.array(backupMcpConfigSchema).describe('MCP configs.'),
    mcpServers: z.array(backupMcpServerSchema).describe('MCP servers; secret values stay sealed.'),
    guardrailPolicies: z.array(backupGuardrailPolicySchema).describe('Guardrail policies.'),
    toolPins: z.array(backupToolPinSchema).describe('Pinned tool definitions.'),
  })
  .strict();

export type BackupData = z.infer<typeof backupDataSchema>;
