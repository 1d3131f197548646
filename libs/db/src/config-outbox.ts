import type { Change } from '@bastion/contracts';
import type { Prisma } from './generated/prisma/client';

/** A Prisma client bound to an interactive transaction. */
export type Tx = Prisma.TransactionClient;

/**
 * Records configuration changes in the outbox and returns the new global config version.
 * Must run inside the transaction that made the changes: bumping `config_state` takes its row
 * lock, so concurrent writers commit in version order and the relay never sees a hole.
 */
export async function recordChanges(tx: Tx, changes: readonly Change[]): Promise<number> {
  if (changes.length === 0) throw new Error('recordChanges needs at least one change.');
  const rows = await tx.$queryRaw<Array<{ version: bigint }>>`
    UPDATE config_state SET version = version + ${changes.length} WHERE id = 1 RETURNING version`;
  const last = Number(rows[0]?.version ?? 0);
  const first = last - changes.length + 1;
  await tx.configOutbox.createMany({
    data: changes.map((change, index) => ({
      version: BigInt(first + index),
      entity: change.op === 'reset' ? 'all' : change.entity,
      entityId: change.op === 'reset' ? '' : change.id,
      op: change.op,
      payload: change as unknown as Prisma.InputJsonValue,
    })),
  });
  return last;
}
