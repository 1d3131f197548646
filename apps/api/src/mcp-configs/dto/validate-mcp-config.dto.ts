import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { configFields } from './mcp-config.dto';
import { createMcpServerSchema } from './mcp-server.dto';

/** A whole config with its servers, as `POST /mcp-configs/validate` checks it. */
export const mcpConfigDefinitionSchema = z
  .object({
    ...configFields,
    servers: z.array(createMcpServerSchema).max(200).describe('The servers of the config.'),
  })
  .strict();

/** Only the config-level fields; each server is checked on its own so one bad server hides nothing. */
export const definitionOutlineSchema = z
  .object({ ...configFields, servers: z.array(z.unknown()).max(200) })
  .strict();

export class McpConfigDefinitionDto extends createZodDto(mcpConfigDefinitionSchema) {}

export const configProblemSchema = z.object({
  path: z
    .string()
    .describe('Dotted path of the offending field, e.g. `servers.1.toolPrefix`; `(root)` for the body.'),
  message: z.string().describe('What is wrong.'),
});

export type ConfigProblem = z.infer<typeof configProblemSchema>;

export class McpConfigValidationDto extends createZodDto(
  z.object({
    valid: z.boolean().describe('True when the definition could be saved as it is.'),
    problems: z.array(configProblemSchema).describe('Everything that would be refused; empty when valid.'),
  }),
) {}
