/**
 * Bookkeeping of "the snapshot must be read again". The relay SETs the snapshot and PUBLISHes its
 * events in one MULTI, so a snapshot read after a message was received already reflects it. Every
 * received message and every request therefore takes a tick from one counter; a load that starts
 * at tick T satisfies the requests made up to T and makes the messages received up to T redundant.
 */
export class ReloadDemand {
  private tick = 0;
  private wanted = 0;
  private met = 0;
  private minVersion = 0;
  private behindSince: number | null = null;

  constructor(private readonly catchUpTimeoutMs: number) {}

  /** Stamps a received message with its place in the order. */
  stamp(): number {
    return ++this.tick;
  }

  /** Asks for a load starting after now, of a snapshot at `atLeast` or newer. */
  request(atLeast = 0): void {
    this.wanted = ++this.tick;
    this.minVersion = Math.max(this.minVersion, atLeast);
  }

  /** Like `request`, but a reset's version replaces earlier minimums (it may be older after a restore). */
  requestReset(version: number): void {
    this.wanted = ++this.tick;
    this.minVersion = version;
  }

  /** True while a request has not been met by a load that started after it. */
  get pending(): boolean {
    return this.wanted > this.met;
  }

  /** The oldest version the next load may adopt without waiting. */
  get required(): number {
    return this.minVersion;
  }

  /** Marks the start of a load; pass the result to `complete`. */
  begin(): number {
    return this.tick;
  }

  /**
   * Whether a loaded snapshot at `version` may be adopted. An older one is refused until it has been
   * older for `catchUpTimeoutMs`: then it is what the source of truth holds, and it is taken.
   */
  accepts(version: number, nowMs: number = Date.now()): boolean {
    if (version >= this.minVersion) return true;
    this.behindSince ??= nowMs;
    return nowMs - this.behindSince >= this.catchUpTimeoutMs;
  }

  /** Records that the load started at `startTick` was adopted. */
  complete(startTick: number): void {
    this.met = Math.max(this.met, startTick);
    if (this.wanted <= startTick) this.minVersion = 0;
    this.behindSince = null;
  }
}
