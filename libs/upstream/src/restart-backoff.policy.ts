/** A connection that stayed up this long before failing starts the backoff sequence afresh. */
export const STABLE_CONNECTION_MS = 60_000;

export interface BackoffSettings {
  /** Delay after the first failure. */
  initialMs: number;
  /** Upper bound of the doubling delay. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { initialMs: 250, maxMs: 30_000 };

interface FailureRecord {
  failures: number;
  retryAt: number;
  /** A connection succeeded since the last failure. */
  recovered: boolean;
}

/**
 * Exponential backoff between (re)connection attempts, per connection key: after the n-th failure
 * in a row the next attempt waits initialMs × 2^(n-1), at most maxMs. Never a tight restart loop.
 */
export class RestartBackoff {
  private readonly records = new Map<string, FailureRecord>();

  constructor(private readonly settings: BackoffSettings = DEFAULT_BACKOFF) {}

  /** When the next attempt for `key` may start, or undefined when it may start now. */
  retryAt(key: string, now: number): number | undefined {
    const record = this.records.get(key);
    return record && record.retryAt > now ? record.retryAt : undefined;
  }

  /** Notes a successful connect; true when it is the first one after a failure (a restart). */
  noteConnected(key: string): boolean {
    const record = this.records.get(key);
    if (!record || record.recovered) return false;
    record.recovered = true;
    return true;
  }

  /**
   * Records a failure. `upMs` is how long the failed connection had been open: a connection that
   * was stable for a while resets the sequence. Returns the delay before the next attempt.
   */
  recordFailure(key: string, now: number, upMs = 0): number {
    const previous = this.records.get(key);
    const failures = previous && upMs < STABLE_CONNECTION_MS ? previous.failures + 1 : 1;
    const delay = Math.min(this.settings.initialMs * 2 ** (failures - 1), this.settings.maxMs);
    this.records.set(key, { failures, retryAt: now + delay, recovered: false });
    return delay;
  }

  /** Forgets the failures of every key `matches` accepts (config changed, session closed). */
  forget(matches: (key: string) => boolean): void {
    for (const key of this.records.keys()) if (matches(key)) this.records.delete(key);
  }

  /** Drops records whose retry time passed long ago, so abandoned keys do not accumulate. */
  prune(now: number, olderThanMs = 10 * STABLE_CONNECTION_MS): void {
    for (const [key, record] of this.records) {
      if (now - record.retryAt > olderThanMs) this.records.delete(key);
    }
  }
}
