import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../http/pagination';

const kind = z
  .enum(['gateway', 'admin'])
  .describe(
    '`gateway`: authenticates MCP clients on /mcp for one project. `admin`: authenticates the REST API.',
  );
const status = z
  .enum(['active', 'disabled'])
  .describe('`disabled` keys are refused everywhere until enabled again.');
const name = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .describe('A label to recognise the key by (≤ 100 characters).');
const futureTime = z.iso
  .datetime({ offset: true, abort: true })
  .refine((value) => Date.parse(value) > Date.now(), 'Must be in the future.')
  .describe(
    'When the key stops working (ISO 8601, in the future). Omit or null for a key that never expires.',
  );

export const apiKeySchema = z.object({
  id: z.uuid().describe('Key id.'),
  kind,
  name: z.string().nullable().describe('Label of the key.'),
  projectId: z.uuid().nullable().describe('Project a gateway key gives access to; null for admin keys.'),
  userId: z.uuid().nullable().describe('User the key belongs to (always set for gateway keys).'),
  status,
  masked: z
    .string()
    .describe('The key as it may be shown again: prefix, an ellipsis and its last four characters.'),
  keyPrefix: z.string().describe('First eight characters of the key (`bgw_` and four more).'),
  lastFour: z.string().describe('Last four characters of the key.'),
  expiresAt: z.iso.datetime().nullable().describe('When the key stops working (ISO 8601); null: never.'),
  expired: z.boolean().describe('True when `expiresAt` has passed: the key is refused whatever its status.'),
  rotatedAt: z.iso.datetime().nullable().describe('Last rotation (ISO 8601); null if never rotated.'),
  createdAt: z.iso.datetime().describe('Creation time (ISO 8601).'),
  updatedAt: z.iso.datetime().describe('Last change (ISO 8601).'),
});

export const apiKeyWithSecretSchema = apiKeySchema.extend({
  key: z
    .string()
    .describe(
      'The plaintext key (`bgw_` + 40 base62 characters). Shown only in this response: store it now.',
    ),
});

export class ApiKeyDto extends createZodDto(apiKeySchema) {}
export class ApiKeyWithSecretDto extends createZodDto(apiKeyWithSecretSchema) {}
export class ApiKeyPageDto extends createZodDto(pageSchema(apiKeySchema)) {}

const createApiKeySchema = z
  .object({
    kind: kind.default('gateway'),
    projectId: z
      .uuid()
      .optional()
      .describe('Project of a gateway key (required for gateway keys, absent for admin keys).'),
    userId: z
      .uuid()
      .optional()
      .describe('Owner of the key (required for gateway keys, optional for admin keys).'),
    name: name.optional(),
    expiresAt: futureTime.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.kind === 'gateway' && !body.projectId) {
      ctx.addIssue({ code: 'custom', path: ['projectId'], message: 'A gateway key needs a project.' });
    }
    if (body.kind === 'gateway' && !body.userId) {
      ctx.addIssue({ code: 'custom', path: ['userId'], message: 'A gateway key needs a user.' });
    }
    if (body.kind === 'admin' && body.projectId) {
      ctx.addIssue({ code: 'custom', path: ['projectId'], message: 'An admin key belongs to no project.' });
    }
  });

export class CreateApiKeyDto extends createZodDto(createApiKeySchema) {}

export class UpdateApiKeyDto extends createZodDto(
  z
    .object({
      name: name.nullable().optional().describe('Label of the key; null clears it.'),
      expiresAt: futureTime
        .nullable()
        .optional()
        .describe('When the key stops working (ISO 8601, in the future); null: never.'),
    })
    .strict(),
) {}

export class ListApiKeysQueryDto extends createZodDto(
  z
    .object({
      ...pageQueryShape,
      projectId: z.uuid().optional().describe('Only keys of this project.'),
      userId: z.uuid().optional().describe('Only keys of this user.'),
      kind: kind.optional(),
      status: status.optional(),
    })
    .strict(),
) {}
