import { busKeys } from '@bastion/bus';
import { snapshotSchema, type Snapshot } from '@bastion/contracts';
import { vi } from 'vitest';
import type { LazyRedis } from './lazy-clients';

/**
 * A check on the snapshot for `waitForSnapshot`: it is met when it neither throws (an `expect` inside
 * it fails) nor returns `false`.
 */
export type SnapshotCheck = (snapshot: Snapshot) => unknown;

/** Reads the config snapshot the api's outbox relay keeps in Redis, as the proxy workers load it. */
export class SnapshotReader {
  constructor(
    private readonly redis: LazyRedis,
    private readonly redisPrefix: string,
  ) {}

  /** The snapshot as stored, unparsed; null when there is none yet. */
  text(): Promise<string | null> {
    return this.redis.get().get(busKeys(this.redisPrefix).snapshot);
  }

  /**
   * The stored snapshot, checked against `snapshotSchema`; throws when there is none yet or it does not
   * conform. The value returned is the stored JSON itself, not zod's copy, so fields the schema does
   * not know are not stripped and `toEqual` on an entry still sees everything the relay wrote.
   */
  async read(): Promise<Snapshot> {
    const raw = await this.text();
    if (raw === null) throw new Error('no snapshot in Redis yet');
    const json: unknown = JSON.parse(raw);
    snapshotSchema.parse(json);
    return json as Snapshot;
  }

  /** Polls until `check` is met (see SnapshotCheck), and returns the snapshot that met it. */
  waitFor(check: SnapshotCheck, timeout = 5000): Promise<Snapshot> {
    return vi.waitFor(
      async () => {
        const snapshot = await this.read();
        if ((await check(snapshot)) === false) throw new Error('snapshot check not met');
        return snapshot;
      },
      { timeout, interval: 50 },
    );
  }
}
