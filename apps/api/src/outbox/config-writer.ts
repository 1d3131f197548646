import type { Change } from '@bastion/contracts';
import { PrismaService, recordChanges, type Tx } from '@bastion/db';
import { Injectable } from '@nestjs/common';
import { ConfigAuditRecorder } from '../audit/config-audit.recorder';
import { OutboxSignal } from './outbox.signal';

/** What a unit of configuration work returns: its result and the changes the workers must see. */
export interface WriteOutcome<T> {
  result: T;
  changes: Change[];
}

/**
 * Runs configuration writes in one transaction together with their outbox rows, then wakes the
 * relay and records one `config.change` audit event per committed write (best effort, after the
 * commit). Every service that changes what the workers serve goes through here.
 */
@Injectable()
export class ConfigWriter {
  constructor(
    private readonly prisma: PrismaService,
    private readonly signal: OutboxSignal,
    private readonly audit: ConfigAuditRecorder,
  ) {}

  /** `timeoutMs` lifts Prisma's 5 s interactive-transaction limit for bulk work such as a restore. */
  async write<T>(
    work: (tx: Tx) => Promise<WriteOutcome<T>>,
    options: { timeoutMs?: number } = {},
  ): Promise<T> {
    const outcome = await this.prisma.$transaction(
      async (tx) => {
        const done = await work(tx);
        const version = done.changes.length > 0 ? await recordChanges(tx, done.changes) : 0;
        return { ...done, version };
      },
      options.timeoutMs ? { timeout: options.timeoutMs, maxWait: 10_000 } : undefined,
    );
    if (outcome.changes.length > 0) {
      this.signal.notify();
      await this.audit.record(outcome.changes, outcome.version);
    }
    return outcome.result;
  }

  /** A read-only or outbox-free transaction, for work that publishes nothing. */
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work);
  }
}
