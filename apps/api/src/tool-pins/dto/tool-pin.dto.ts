import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../http/pagination';

const status = z
  .enum(['approved', 'pending'])
  .describe(
    '`approved`: workers expose the tool while the upstream serves the approved definition. ' +
      '`pending`: a definition awaits review; workers hold the tool back.',
  );
const hash = (what: string) =>
  z
    .string()
    .nullable()
    .describe(`SHA-256 (hex) of the canonical ${what} definition; null when there is none.`);
const definition = (what: string) =>
  z
    .record(z.string(), z.unknown())
    .nullable()
    .describe(
      `The ${what} definition in canonical form (name, title, description, inputSchema, outputSchema, annotations; keys sorted, whitespace in descriptions collapsed); null when there is none.`,
    );

export const toolPinSchema = z.object({
  id: z.uuid().describe('Pin id.'),
  serverId: z.uuid().describe('The upstream server that lists the tool.'),
  serverName: z.string().describe('Name of that server.'),
  configId: z.uuid().describe('The MCP config the server belongs to.'),
  toolName: z.string().describe('Tool name as the upstream server names it.'),
  exposedName: z.string().describe('Tool name as clients see it (`<prefix>__<tool>`).'),
  status,
  approvedHash: hash('approved'),
  pendingHash: hash('pending'),
  createdAt: z.iso.datetime().describe('When the tool was first discovered (ISO 8601).'),
  updatedAt: z.iso.datetime().describe('Last change of the pin (ISO 8601).'),
});

const changeSchema = z.object({
  path: z.string().describe('Where, as a dotted path: `description`, `inputSchema.properties.notes`.'),
  kind: z.enum(['added', 'removed', 'changed']).describe('`added`, `removed` or `changed`.'),
  before: z.unknown().describe('The approved value (null when added).'),
  after: z.unknown().describe('The pending value (null when removed).'),
});

const signalSchema = z.object({
  kind: z
    .string()
    .describe('What was found, e.g. `instruction-tag`, `sensitive-file-read`, `hide-from-user`.'),
  confidence: z.number().describe('Weight of the signal, 0–1.'),
  excerpt: z.string().describe('The flagged text (at most 200 characters).'),
});

const lookalikeSchema = z.object({
  pinId: z.uuid().describe('The other pin.'),
  serverId: z.uuid().describe('Its server.'),
  exposedName: z.string().describe('Its name as clients see it.'),
});

const findingsSchema = z.object({
  injection: z
    .object({
      score: z.number().describe('Injection score of the prose (descriptions and titles), 0–1.'),
      flagged: z
        .boolean()
        .describe(
          'Whether the score reaches the threshold (0.5): the definition reads like a tool-poisoning attempt.',
        ),
      signals: z.array(signalSchema).describe('The evidence, in text order.'),
    })
    .describe('Prompt-injection scan of the reviewed definition (the pending one, else the approved one).'),
  lookalikes: z
    .array(lookalikeSchema)
    .describe('Pinned tools of the same config whose names clients could mistake for this one.'),
});

export const toolPinDetailSchema = toolPinSchema.extend({
  approvedDefinition: definition('approved'),
  pendingDefinition: definition('pending'),
  diff: z
    .array(changeSchema)
    .nullable()
    .describe('Field-level changes from the approved to the pending definition; null unless both exist.'),
  findings: findingsSchema.describe('Why the reviewed definition may be unsafe.'),
});

export class ToolPinDto extends createZodDto(toolPinSchema) {}
export class ToolPinDetailDto extends createZodDto(toolPinDetailSchema) {}
export class ToolPinPageDto extends createZodDto(pageSchema(toolPinSchema)) {}

export class ListToolPinsQueryDto extends createZodDto(
  z
    .object({
      ...pageQueryShape,
      serverId: z.uuid().optional().describe('Only pins of this server.'),
      configId: z.uuid().optional().describe('Only pins of the servers of this MCP config.'),
      status: status.optional(),
    })
    .strict(),
) {}

export class ApproveToolPinQueryDto extends createZodDto(
  z
    .object({
      hash: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional()
        .describe(
          'The pending hash you reviewed. When given, the approval fails with 409 if the pending definition changed since.',
        ),
    })
    .strict(),
) {}
