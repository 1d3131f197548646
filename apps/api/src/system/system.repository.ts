import type { Tx } from '@bastion/db';
import { Injectable } from '@nestjs/common';

/** Versions recorded in Postgres: applied migrations and the global config version. */
@Injectable()
export class SystemRepository {
  /** Name of the latest migration applied (names start with a UTC timestamp, so they sort in time). */
  async latestMigration(tx: Tx): Promise<string | null> {
    const rows = await tx.$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name FROM _prisma_migrations
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
      ORDER BY migration_name DESC LIMIT 1`;
    return rows[0]?.migration_name ?? null;
  }

  async configVersion(tx: Tx): Promise<number> {
    const state = await tx.configState.findUnique({ where: { id: 1 } });
    return Number(state?.version ?? 0);
  }

  /**
   * Reads the config version under the config_state row lock, which every config write takes
   * too: until this transaction ends no other change can commit, so the version stays exact.
   */
  async lockConfigVersion(tx: Tx): Promise<number> {
    const rows = await tx.$queryRaw<Array<{ version: bigint }>>`
      SELECT version FROM config_state WHERE id = 1 FOR UPDATE`;
    return Number(rows[0]?.version ?? 0);
  }
}
