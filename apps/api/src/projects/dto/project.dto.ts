import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../http/pagination';

const name = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/,
    'Use letters, digits, spaces, `.`, `_` or `-`, starting with a letter or digit.',
  )
  .describe('Project name; the natural key (trimmed, 1–100 chars, letters, digits, space, `.`, `_`, `-`).');
const description = z.string().trim().max(2000).describe('Free-text description.');
const mcpConfigId = z.uuid().describe('Id of the MCP config the project serves; null for none.');

export const projectSchema = z.object({
  id: z.uuid().describe('Project id.'),
  name: z.string().describe('Project name (unique).'),
  description: z.string().nullable().describe('Free-text description.'),
  mcpConfigId: z.uuid().nullable().describe('Id of the assigned MCP config; null when none is assigned.'),
  memberCount: z.number().int().nonnegative().describe('Number of users who belong to the project.'),
  createdAt: z.iso.datetime().describe('Creation time (ISO 8601).'),
  updatedAt: z.iso.datetime().describe('Last change (ISO 8601).'),
});

export class ProjectDto extends createZodDto(projectSchema) {}
export class ProjectPageDto extends createZodDto(pageSchema(projectSchema)) {}

/** Body of `POST /projects` and `PUT /projects`; null clears a field. */
export class CreateProjectDto extends createZodDto(
  z
    .object({
      name,
      description: description.nullable().optional().describe('Free-text description; null clears it.'),
      mcpConfigId: mcpConfigId
        .nullable()
        .optional()
        .describe('Id of the MCP config the project serves; null unassigns it.'),
    })
    .strict(),
) {}

/** Body of `PATCH /projects/{id}`; `mcpConfigId: null` unassigns the config. */
export class UpdateProjectDto extends createZodDto(
  z
    .object({
      name: name.optional(),
      description: description.nullable().optional().describe('Free-text description; null clears it.'),
      mcpConfigId: mcpConfigId
        .nullable()
        .optional()
        .describe('Id of the MCP config the project serves; null unassigns it.'),
    })
    .strict(),
) {}

export class ListProjectsQueryDto extends createZodDto(
  z
    .object({
      ...pageQueryShape,
      q: z.string().max(200).optional().describe('Text contained in the project name (case-insensitive).'),
      mcpConfigId: z.uuid().optional().describe('Only projects assigned to this MCP config.'),
    })
    .strict(),
) {}
