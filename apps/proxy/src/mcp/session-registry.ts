import type { BusKeys } from '@bastion/bus';
import type { Redis } from 'ioredis';

const TERMINATED_TTL_S = 24 * 60 * 60;
const MAX_REMEMBERED = 50_000;

/**
 * Knows which sessions were terminated (DELETE /mcp) on any worker: a local set fed by pub/sub,
 * plus one Redis lookup the first time this worker sees a session.
 */
export class SessionRegistry {
  private readonly terminated = new Set<string>();
  private readonly checked = new Set<string>();

  constructor(
    private readonly redis: Redis,
    private readonly keys: BusKeys,
  ) {}

  /** Called for every message on `keys.sessionsTerminated`. */
  noteTerminated(sid: string): void {
    remember(this.terminated, sid);
  }

  async isTerminated(sid: string): Promise<boolean> {
    if (this.terminated.has(sid)) return true;
    if (this.checked.has(sid)) return false;
    try {
      const exists = await this.redis.exists(this.keys.sessionTerminatedKey(sid));
      remember(exists ? this.terminated : this.checked, sid);
      return exists === 1;
    } catch {
      return false; // Redis down: serve; the session's key is still checked on every request.
    }
  }

  async terminate(sid: string): Promise<void> {
    remember(this.terminated, sid);
    await this.redis
      .multi()
      .set(this.keys.sessionTerminatedKey(sid), '1', 'EX', TERMINATED_TTL_S)
      .publish(this.keys.sessionsTerminated, sid)
      .exec();
  }
}

function remember(set: Set<string>, sid: string): void {
  if (set.size >= MAX_REMEMBERED) {
    const oldest = set.values().next().value;
    if (oldest !== undefined) set.delete(oldest);
  }
  set.add(sid);
}
