import { SnapshotDraft, changeEventSchema, type ChangeEvent, type Snapshot } from '@bastion/contracts';
import { SnapshotStore } from '@bastion/bus';
import { PrismaService } from '@bastion/db';
import type { Gauge } from 'prom-client';
import type { Logger } from 'winston';
import type { Redis } from 'ioredis';
import { SnapshotBuilder } from './snapshot.builder';

const BATCH = 500;
const LOCK_TTL_MS = 15_000;

/** Settings and collaborators of the relay, wired by the outbox module. */
export interface OutboxRelayDeps {
  prisma: PrismaService;
  redis: Redis;
  store: SnapshotStore;
  builder: SnapshotBuilder;
  logger: Logger;
  versionGauge: Gauge;
  lockKey: string;
}

/**
 * Publishes committed outbox rows to Redis in version order and keeps the snapshot there current.
 * A row is marked published only after Redis took it, so a Redis outage delays publishing but never
 * loses a change; a missing or inconsistent snapshot is rebuilt from Postgres.
 */
export class OutboxRelay {
  private readonly lockToken = `${process.pid}-${Math.random().toString(36).slice(2)}`;

  constructor(private readonly deps: OutboxRelayDeps) {}

  /** One pass: returns how many outbox rows it handled. Throws when Redis or Postgres is down. */
  async publishPending(): Promise<number> {
    if (!(await this.acquireLock())) return 0;
    try {
      const storedVersion = await this.deps.store.version();
      if (storedVersion === null) return await this.rebuild('no snapshot in Redis');
      const rows = await this.deps.prisma.configOutbox.findMany({
        where: { publishedAt: null },
        orderBy: { version: 'asc' },
        take: BATCH,
      });
      if (rows.length === 0) return 0;
      const snapshot = await this.deps.store.load();
      if (!snapshot) return await this.rebuild('unreadable snapshot in Redis');
      const events = rows.map((row) =>
        changeEventSchema.parse({ ...(row.payload as object), version: Number(row.version) }),
      );
      const next = this.applyAll(snapshot, events);
      if (!next) return await this.rebuild('outbox and snapshot diverged or a reset was requested');
      if (next.published.length > 0) await this.deps.store.save(next.snapshot, next.published);
      await this.markPublished(Number(rows[rows.length - 1]?.version ?? 0));
      this.deps.versionGauge.set(next.snapshot.version);
      return rows.length;
    } finally {
      await this.releaseLock();
    }
  }

  private applyAll(snapshot: Snapshot, events: ChangeEvent[]) {
    const draft = new SnapshotDraft(snapshot);
    const published: ChangeEvent[] = [];
    for (const event of events) {
      const outcome = draft.apply(event);
      if (outcome === 'reload') return null;
      if (outcome === 'applied') published.push(event);
    }
    return { snapshot: draft.result(), published };
  }

  /** Replaces the Redis snapshot with Postgres' state and tells workers to reload. */
  private async rebuild(reason: string): Promise<number> {
    const snapshot = await this.deps.builder.build();
    const events: ChangeEvent[] = snapshot.version > 0 ? [{ version: snapshot.version, op: 'reset' }] : [];
    await this.deps.store.save(snapshot, events);
    await this.markPublished(snapshot.version);
    this.deps.versionGauge.set(snapshot.version);
    this.deps.logger.info('config snapshot rebuilt from Postgres', { reason, version: snapshot.version });
    return 0;
  }

  private async markPublished(upTo: number): Promise<void> {
    await this.deps.prisma.configOutbox.updateMany({
      where: { publishedAt: null, version: { lte: BigInt(upTo) } },
      data: { publishedAt: new Date() },
    });
  }

  // Several api replicas may run a relay; one at a time publishes.
  private async acquireLock(): Promise<boolean> {
    return (await this.deps.redis.set(this.deps.lockKey, this.lockToken, 'PX', LOCK_TTL_MS, 'NX')) === 'OK';
  }

  private async releaseLock(): Promise<void> {
    if ((await this.deps.redis.get(this.deps.lockKey)) === this.lockToken)
      await this.deps.redis.del(this.deps.lockKey);
  }
}
