import { SecretBox } from '@bastion/crypto';
import { BadRequestException, ConflictException, UnprocessableEntityException } from '@nestjs/common';
import type { z } from 'zod';
import { withHeaders } from '../guardrail-policies/policy-secrets.sealer';
import { ruleOptionIssues } from '../guardrail-policies/rule-options.validator';
import { backupDataSchema, type BackupData } from './dto/backup-rows.dto';
import { BACKUP_FORMAT_VERSION, backupEnvelopeSchema, type BackupDocument } from './dto/backup.dto';

type Envelope = z.infer<typeof backupEnvelopeSchema>;

/**
 * Checks a backup in the order that gives the most useful answer: the envelope (400), then whether
 * this server can read it at all (422: unknown format version, newer schema), then every row (400).
 */
export function validateBackupDocument(body: unknown, latestMigration: string | null): BackupDocument {
  const envelope = parseOrThrow(backupEnvelopeSchema, body, []);
  if (envelope.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new UnprocessableEntityException(
      `Backup format version ${envelope.formatVersion} is unknown; this server reads version ${BACKUP_FORMAT_VERSION}.`,
    );
  }
  ensureSchemaNotNewer(envelope, latestMigration);
  const data = parseOrThrow(backupDataSchema, envelope.data, ['data']);
  return { ...envelope, data };
}

/** Refuses a backup whose apiKeys hold no usable admin key: restoring it would lock everyone out. */
export function ensureAdminKeyKept(data: BackupData, now: Date): void {
  const usable = data.apiKeys.some(
    (key) =>
      key.kind === 'admin' &&
      key.status === 'active' &&
      (key.expiresAt === null || new Date(key.expiresAt) > now),
  );
  if (!usable) {
    throw new ConflictException(
      'The backup holds no active admin key: restoring it would lock every operator out of the API. ' +
        'Take the backup from an installation with a working admin key.',
    );
  }
}

/**
 * Checks the remote header values a backup carries sealed as the workers will send them: opened
 * (at most 8,192 characters, no line breaks). The document schema sees only the sealed form. A
 * value this master key cannot open is restored as it is, like the MCP servers' sealed secrets
 * (the description of the restore says the same master key is needed).
 */
export function ensureSealedHeadersFit(data: BackupData, open: (sealed: string) => string): void {
  const details = data.guardrailPolicies.flatMap((policy, p) =>
    policy.rules.flatMap((rule, r) => {
      if (rule.detector !== 'remote') return [];
      const opened = withHeaders(rule, (value) => openedOrBlank(value, open));
      return ruleOptionIssues(opened).map((issue) => ({
        path: ['data', 'guardrailPolicies', p, 'rules', r, ...issue.path].join('.'),
        message: issue.message,
      }));
    }),
  );
  if (details.length > 0) throw invalidDocument(details);
}

function openedOrBlank(value: string, open: (sealed: string) => string): string {
  if (!SecretBox.isSealed(value)) return value;
  try {
    return open(value);
  } catch {
    return ''; // sealed under another master key (or damaged): nothing to check here
  }
}

// Migration names start with a UTC timestamp (YYYYMMDDHHMMSS), so comparing names compares times.
function ensureSchemaNotNewer(envelope: Envelope, latestMigration: string | null): void {
  const theirs = envelope.schemaVersion;
  if (theirs === null || (latestMigration !== null && theirs <= latestMigration)) return;
  throw new UnprocessableEntityException(
    `The backup was taken from a newer database schema (${theirs}) than this one ` +
      `(${latestMigration ?? 'no migration applied'}). Upgrade Bastion before restoring it.`,
  );
}

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, prefix: string[]): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.slice(0, 100).map((issue) => ({
    path: [...prefix, ...issue.path.map(String)].join('.') || '(root)',
    message: issue.message,
  }));
  throw invalidDocument(details);
}

function invalidDocument(details: Array<{ path: string; message: string }>): BadRequestException {
  return new BadRequestException({ message: 'The backup document is invalid.', details });
}
