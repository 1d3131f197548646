import { SecretBox } from '@bastion/crypto';
import { Prisma } from '@bastion/db';
import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { PolicySecretsSealer } from '../guardrail-policies/policy-secrets.sealer';
import { ConfigWriter } from '../outbox/config-writer';
import { BASTION_VERSION } from '@bastion/config';
import {
  ensureAdminKeyKept,
  ensureSealedHeadersFit,
  validateBackupDocument,
} from './backup-document.validator';
import { countRows, toBackupData, toInserts } from './backup-rows.mapper';
import { BackupRepository } from './backup.repository';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupDocument,
  type RestoreResult,
} from './dto/backup.dto';
import type { BackupData } from './dto/backup-rows.dto';
import { SystemRepository } from './system.repository';

/** Full exports of configuration and identities, and restoring one in place of everything. */
@Injectable()
export class BackupService {
  constructor(
    private readonly backups: BackupRepository,
    private readonly system: SystemRepository,
    private readonly writer: ConfigWriter,
    private readonly policySecrets: PolicySecretsSealer,
    private readonly box: SecretBox,
  ) {}

  /** A consistent export of every backed-up table, and the file name to save it under. */
  async export(): Promise<{ fileName: string; document: BackupDocument }> {
    const document = await this.backups.consistentRead(async (tx) => {
      const [tables, schemaVersion, configVersion] = await Promise.all([
        this.backups.readAll(tx),
        this.system.latestMigration(tx),
        this.system.configVersion(tx),
      ]);
      const createdAt = new Date().toISOString();
      return {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        bastionVersion: BASTION_VERSION,
        schemaVersion,
        createdAt,
        configVersion,
        data: toBackupData(tables),
      } satisfies BackupDocument;
    });
    return { fileName: `bastion-backup-${document.createdAt.replace(/[-:]|\.\d+/g, '')}.json`, document };
  }

  /**
   * Replaces every backed-up table with the backup's rows in one transaction and records one
   * `reset` change, so the relay rebuilds the Redis snapshot and every worker reloads it. Any
   * failure rolls back: the database is left exactly as it was. Remote header values that a backup
   * taken before they were sealed carries in plaintext are sealed before they are written, so the
   * tables and the rebuilt snapshot never hold them in plaintext; sealed ones are kept as they are.
   */
  async restore(body: unknown): Promise<RestoreResult> {
    const latest = await this.writer.read((tx) => this.system.latestMigration(tx));
    const document = validateBackupDocument(body, latest);
    ensureSealedHeadersFit(document.data, (sealed) => this.box.open(sealed));
    ensureAdminKeyKept(document.data, new Date());
    const inserts = toInserts(this.sealPolicyHeaders(document.data));
    try {
      return await this.writer.write(
        async (tx) => {
          const before = await this.system.lockConfigVersion(tx);
          await this.backups.replaceAll(tx, inserts);
          return {
            result: { restored: countRows(document.data), configVersion: before + 1 },
            changes: [{ op: 'reset' }],
          };
        },
        { timeoutMs: RESTORE_TIMEOUT_MS },
      );
    } catch (error) {
      throw inconsistentBackup(error) ?? error;
    }
  }

  /** The same sealing as the start-up pass (PolicyHeadersBackfill), before the rows are written. */
  private sealPolicyHeaders(data: BackupData): BackupData {
    const guardrailPolicies = data.guardrailPolicies.map((policy) => ({
      ...policy,
      rules: this.policySecrets.sealPlaintext(policy.rules),
    }));
    return { ...data, guardrailPolicies };
  }
}

/** A large restore inserts every row again; give it well beyond Prisma's 5 s default. */
const RESTORE_TIMEOUT_MS = 120_000;

/** A unique or foreign-key violation means the backup contradicts itself, not that we failed. */
function inconsistentBackup(error: unknown): UnprocessableEntityException | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  const table = typeof error.meta?.['modelName'] === 'string' ? ` (${error.meta['modelName']})` : '';
  if (error.code === 'P2002') {
    return new UnprocessableEntityException(
      `The backup is inconsistent: a unique value appears twice${table}. Nothing was restored.`,
    );
  }
  if (error.code === 'P2003') {
    return new UnprocessableEntityException(
      `The backup is inconsistent: a row refers to a row the backup does not contain${table}. Nothing was restored.`,
    );
  }
  return null;
}
