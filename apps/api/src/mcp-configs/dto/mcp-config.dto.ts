import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../http/pagination';
import { mcpServerSchema } from './mcp-server.dto';

export const configName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/,
    'Use letters, digits, spaces, `.`, `_` or `-`, starting with a letter or digit.',
  )
  .describe('Config name; the natural key (trimmed, 1–100 chars, letters, digits, space, `.`, `_`, `-`).');
const description = z.string().trim().max(2000).nullable().describe('Free-text description; null clears it.');
const pinningMode = z
  .enum(['trust-on-first-use', 'require-approval'])
  .describe(
    'How tool definitions are pinned: trusted at first discovery (default), or held back until approved.',
  );
const metaToolsEnabled = z
  .boolean()
  .describe("Offer the gateway's own meta-tools (discovery, cache, status).");
const auditCapture = z
  .enum(['none', 'metadata', 'payload'])
  .describe(
    'What the audit trail records of answered requests: nothing (`none`), method, tool, status and timing ' +
      '(`metadata`, default), or that plus the redacted, size-capped params and result (`payload`).',
  );

/** Fields of a config, as `POST`, `PUT` and `validate` take them. */
export const configFields = {
  name: configName,
  description: description.optional(),
  pinningMode: pinningMode.optional(),
  metaToolsEnabled: metaToolsEnabled.optional(),
  auditCapture: auditCapture.optional(),
};

export const createMcpConfigSchema = z.object(configFields).strict();
export type McpConfigInput = z.infer<typeof createMcpConfigSchema>;

export class CreateMcpConfigDto extends createZodDto(createMcpConfigSchema) {}

export class UpdateMcpConfigDto extends createZodDto(
  z
    .object({
      name: configName.optional(),
      description: description.optional(),
      pinningMode: pinningMode.optional(),
      metaToolsEnabled: metaToolsEnabled.optional(),
      auditCapture: auditCapture.optional(),
    })
    .strict(),
) {}

export class CopyMcpConfigDto extends createZodDto(
  z.object({ name: configName.describe('Name of the new config (must be free).') }).strict(),
) {}

const configShape = {
  id: z.uuid().describe('Config id.'),
  name: z.string().describe('Config name (unique).'),
  description: z.string().nullable().describe('Free-text description.'),
  pinningMode,
  metaToolsEnabled,
  auditCapture,
  serverCount: z.number().int().nonnegative().describe('Number of servers in the config.'),
  createdAt: z.iso.datetime().describe('Creation time (ISO 8601).'),
  updatedAt: z.iso.datetime().describe('Last change (ISO 8601).'),
};

export const mcpConfigSchema = z.object(configShape);
export type McpConfigView = z.infer<typeof mcpConfigSchema>;

export const mcpConfigDetailSchema = z.object({
  ...configShape,
  servers: z.array(mcpServerSchema).describe('The servers, oldest first; secrets masked.'),
});
export type McpConfigDetailView = z.infer<typeof mcpConfigDetailSchema>;

export class McpConfigDto extends createZodDto(mcpConfigSchema) {}
export class McpConfigDetailDto extends createZodDto(mcpConfigDetailSchema) {}
export class McpConfigPageDto extends createZodDto(pageSchema(mcpConfigSchema)) {}

export class ListMcpConfigsQueryDto extends createZodDto(
  z
    .object({
      ...pageQueryShape,
      q: z
        .string()
        .max(200)
        .optional()
        .describe('Text contained in the name or description (case-insensitive).'),
    })
    .strict(),
) {}
