import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { backupDataSchema } from './backup-rows.dto';

/** The backup format this version writes and reads. */
export const BACKUP_FORMAT = 'bastion-backup';
export const BACKUP_FORMAT_VERSION = 1;

const envelopeShape = {
  format: z.literal(BACKUP_FORMAT).describe(`Always \`${BACKUP_FORMAT}\`.`),
  formatVersion: z
    .number()
    .int()
    .positive()
    .describe(`Version of this document format (this server reads ${BACKUP_FORMAT_VERSION}).`),
  bastionVersion: z.string().describe('Bastion version that wrote the backup.'),
  schemaVersion: z
    .string()
    .nullable()
    .describe(
      'Latest database migration of the source (`<UTC timestamp>_<name>`); a newer one than ours is refused.',
    ),
  createdAt: z.iso.datetime({ offset: true }).describe('When the backup was taken (ISO 8601).'),
  configVersion: z.number().int().min(0).describe('Config version of the source when the backup was taken.'),
};

/** The envelope alone, read before the data so version problems are reported first. */
export const backupEnvelopeSchema = z.object({ ...envelopeShape, data: z.unknown() }).strict();

/** A full backup: configuration and identities, not audit events or idempotency records. */
export const backupDocumentSchema = z
  .object({ ...envelopeShape, data: backupDataSchema.describe('The rows of every backed-up table.') })
  .strict();

export type BackupDocument = z.infer<typeof backupDocumentSchema>;

export class BackupDocumentDto extends createZodDto(backupDocumentSchema) {}

const count = (what: string) => z.number().int().min(0).describe(`${what} restored.`);

export class RestoreResultDto extends createZodDto(
  z.object({
    restored: z
      .object({
        users: count('Users'),
        projects: count('Projects'),
        projectMembers: count('Project memberships'),
        apiKeys: count('Keys'),
        mcpConfigs: count('MCP configs'),
        mcpServers: count('MCP servers'),
        guardrailPolicies: count('Guardrail policies'),
        toolPins: count('Tool pins'),
      })
      .describe('How many rows of each table the database now holds.'),
    configVersion: z
      .number()
      .int()
      .describe('The config version after the restore (it only ever increases).'),
  }),
) {}

export type RestoreResult = z.infer<typeof RestoreResultDto.schema>;
