import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../http/pagination';
import * as field from './mcp-server-fields';

/** Optional, and null clears it; the description is repeated so Swagger shows it on the nullable field. */
const clearable = <T extends z.ZodType>(schema: T) =>
  schema
    .nullable()
    .describe(schema.description ?? '')
    .optional();

/** Every server field except name and transport; optional everywhere, null clears where it can. */
const settings = {
  command: clearable(field.command),
  args: field.args.optional(),
  env: field.env.optional(),
  url: clearable(field.httpUrl),
  headers: field.headers.optional(),
  toolPrefix: clearable(field.toolPrefix),
  toolsAllow: field.toolsAllow.optional(),
  toolsDeny: field.toolsDeny.optional(),
  inputPolicyId: field.policyId
    .nullable()
    .optional()
    .describe('Guardrail policy applied to tool inputs; null for none.'),
  outputPolicyId: field.policyId
    .nullable()
    .optional()
    .describe('Guardrail policy applied to tool outputs; null for none.'),
  oauth: clearable(field.oauthInput),
  connectTimeoutMs: field.connectTimeoutMs.optional(),
  discoveryTimeoutMs: field.discoveryTimeoutMs.optional(),
  callTimeoutMs: field.callTimeoutMs.optional(),
  connectionScope: field.connectionScope.optional(),
  enabled: field.enabled.optional(),
};

/** A server definition as clients send it (create, upsert, and inside a config to validate). */
export const createMcpServerSchema = z
  .object({ name: field.serverName, transport: field.transport, ...settings })
  .strict();

export type McpServerInput = z.infer<typeof createMcpServerSchema>;

export class CreateMcpServerDto extends createZodDto(createMcpServerSchema) {}

/** Body of `PATCH`: given fields change; env/headers replace the whole map (masked values keep theirs). */
export class UpdateMcpServerDto extends createZodDto(
  z
    .object({ name: field.serverName.optional(), transport: field.transport.optional(), ...settings })
    .strict(),
) {}

export type McpServerChanges = z.infer<typeof UpdateMcpServerDto.schema>;

const masked = z.record(z.string(), z.literal(field.SECRET_MASK));

export const mcpServerSchema = z.object({
  id: z.uuid().describe('Server id.'),
  configId: z.uuid().describe('Id of the MCP config the server belongs to.'),
  name: z.string().describe('Server name (unique within the config).'),
  transport: field.transport,
  command: z.string().nullable().describe('Executable to start (stdio).'),
  args: z.array(z.string()).describe('Arguments passed to the command (stdio).'),
  env: masked.describe(`Environment variable names; values are always shown as "${field.SECRET_MASK}".`),
  url: z.string().nullable().describe('Server URL (HTTP transports).'),
  headers: masked.describe(`Header names; values are always shown as "${field.SECRET_MASK}".`),
  toolPrefix: z.string().nullable().describe('Tool-name prefix; null means the server name, "" none.'),
  toolsAllow: z.array(z.string()).describe('Only these upstream tools are offered; empty offers all.'),
  toolsDeny: z.array(z.string()).describe('These upstream tools are never offered.'),
  inputPolicyId: z.uuid().nullable().describe('Guardrail policy applied to tool inputs.'),
  outputPolicyId: z.uuid().nullable().describe('Guardrail policy applied to tool outputs.'),
  oauth: z
    .object({
      tokenUrl: z.string().describe('OAuth 2.0 token endpoint.'),
      clientId: z.string().describe('OAuth client id.'),
      clientSecret: z.literal(field.SECRET_MASK).describe(`Always "${field.SECRET_MASK}".`),
      scope: z.string().nullable().describe('Requested scope(s).'),
      audience: z.string().nullable().describe('Requested audience.'),
    })
    .nullable()
    .describe('OAuth 2.0 client credentials; null when the server needs none.'),
  connectTimeoutMs: z.number().int().describe('Connect timeout in ms.'),
  discoveryTimeoutMs: z.number().int().describe('Tool discovery timeout in ms.'),
  callTimeoutMs: z.number().int().describe('Tool call timeout in ms.'),
  connectionScope: field.connectionScope,
  enabled: z.boolean().describe('Disabled servers are not offered to clients.'),
  createdAt: z.iso.datetime().describe('Creation time (ISO 8601).'),
  updatedAt: z.iso.datetime().describe('Last change (ISO 8601).'),
});

export type McpServerView = z.infer<typeof mcpServerSchema>;

export class McpServerDto extends createZodDto(mcpServerSchema) {}
export class McpServerPageDto extends createZodDto(pageSchema(mcpServerSchema)) {}

export class ListMcpServersQueryDto extends createZodDto(
  z
    .object({
      ...pageQueryShape,
      q: z.string().max(200).optional().describe('Text contained in the server name (case-insensitive).'),
    })
    .strict(),
) {}

/** `:id/servers/:serverId` path parameters. */
export class ServerParamsDto extends createZodDto(
  z.object({
    id: z.uuid().describe('MCP config id (UUID).'),
    serverId: z.uuid().describe('Server id (UUID).'),
  }),
) {}
