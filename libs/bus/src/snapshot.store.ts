import { snapshotSchema, type ChangeEvent, type Snapshot } from '@bastion/contracts';
import type { Redis } from 'ioredis';
import type { BusKeys } from './bus-keys';

/** Reads and writes the versioned configuration snapshot in Redis. */
export class SnapshotStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: BusKeys,
  ) {}

  /** The stored snapshot's version, or null when there is none. */
  async version(): Promise<number | null> {
    const raw = await this.redis.get(this.keys.snapshotVersion);
    return raw === null ? null : Number(raw);
  }

  /** The stored snapshot, validated; null when absent or unreadable. */
  async load(): Promise<Snapshot | null> {
    const raw = await this.redis.get(this.keys.snapshot);
    if (raw === null) return null;
    const parsed = snapshotSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  }

  /**
   * Stores a snapshot and publishes the events that led to it, in one MULTI so subscribers never
   * see an event before the snapshot that contains it.
   */
  async save(snapshot: Snapshot, events: readonly ChangeEvent[]): Promise<void> {
    const multi = this.redis
      .multi()
      .set(this.keys.snapshot, JSON.stringify(snapshot))
      .set(this.keys.snapshotVersion, String(snapshot.version));
    for (const event of events) multi.publish(this.keys.configEvents, JSON.stringify(event));
    const results = await multi.exec();
    const failure = results?.find(([error]) => error);
    if (!results || failure) throw failure?.[0] ?? new Error('Redis transaction was discarded.');
  }
}
