import type { UpstreamConnection } from './upstream.connection';

/** How the slots reach the pool's connections. */
export interface SlotEviction {
  /** The stdio connection idle for longest (open, nothing in flight), if any. */
  idlest(): UpstreamConnection | undefined;
  /** Closes a connection and resolves once its process is gone. */
  evict(connection: UpstreamConnection): Promise<void>;
}

/** Caps the number of live stdio child processes; a slot is held from spawn until exit. */
export class ProcessSlots {
  private used = 0;

  constructor(
    private readonly max: number,
    private readonly eviction: SlotEviction,
  ) {}

  /** Live (or still exiting) child processes. */
  get count(): number {
    return this.used;
  }

  /**
   * Takes a slot for `connection`, closing idle connections to make room when all are taken.
   * Returns false when no slot could be freed. The slot is given back when the connection exits.
   */
  async acquire(connection: UpstreamConnection): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (this.used < this.max) {
        this.used += 1;
        connection.holdsProcess = true;
        void connection.exited.then(() => {
          connection.holdsProcess = false;
          this.used -= 1;
        });
        return true;
      }
      const victim = this.eviction.idlest();
      if (!victim) return false;
      await this.eviction.evict(victim);
    }
    return false;
  }
}
