import type { BusKeys } from '@bastion/bus';
import type { Redis } from 'ioredis';

/** The MCP log levels (RFC 5424 severities), least severe first. */
export const LOG_LEVELS = [
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}

/** The severity of a level (0 = debug); an unknown level ranks as debug. */
export function severity(level: unknown): number {
  return Math.max(0, LOG_LEVELS.indexOf(level as LogLevel));
}

const DAY_SECONDS = 24 * 60 * 60;
// A level set through another worker is picked up at most this long after it was set.
const REFRESH_MS = 5_000;
const MAX_CACHED = 50_000;

interface Cached {
  level: LogLevel | null;
  readAt: number;
}

/**
 * The log level each client session asked for with logging/setLevel: in Redis (any worker may
 * serve the session's GET stream; kept a day) and cached here. `current` answers synchronously from
 * the cache and refreshes it in the background once it is a few seconds old.
 */
export class SessionLogLevels {
  private readonly cache = new Map<string, Cached>();
  private readonly loading = new Set<string>();

  constructor(
    private readonly redis: Redis,
    private readonly keys: BusKeys,
    private readonly ttlSeconds = DAY_SECONDS,
  ) {}

  async set(sid: string, level: LogLevel): Promise<void> {
    this.remember(sid, level);
    await this.redis.set(this.keys.sessionLogLevel(sid), level, 'EX', this.ttlSeconds);
  }

  /** Reads the stored level into the cache (e.g. when a GET stream opens); null when never set. */
  async load(sid: string): Promise<LogLevel | null> {
    const stored = await this.redis.get(this.keys.sessionLogLevel(sid)).catch(() => undefined);
    // Redis unreachable: keep what is known rather than forgetting a level.
    if (stored === undefined) return this.cache.get(sid)?.level ?? null;
    const level = isLogLevel(stored) ? stored : null;
    this.remember(sid, level);
    return level;
  }

  /** The cached level (null: never set, or not known yet); refreshes a stale entry in the background. */
  current(sid: string): LogLevel | null {
    const cached = this.cache.get(sid);
    if ((!cached || Date.now() - cached.readAt > REFRESH_MS) && !this.loading.has(sid)) {
      this.loading.add(sid);
      void this.load(sid).finally(() => this.loading.delete(sid));
    }
    return cached?.level ?? null;
  }

  /** Drops a session's cached level (its streams are gone). */
  forget(sid: string): void {
    this.cache.delete(sid);
  }

  private remember(sid: string, level: LogLevel | null): void {
    if (this.cache.size >= MAX_CACHED && !this.cache.has(sid)) this.cache.clear();
    this.cache.set(sid, { level, readAt: Date.now() });
  }
}
