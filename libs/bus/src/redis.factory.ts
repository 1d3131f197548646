import { Redis, type RedisOptions } from 'ioredis';
import RedisMock from 'ioredis-mock';

/** How a process connects to Redis. */
export interface RedisConnectionOptions {
  /** A redis:// URL, or undefined for the in-process stand-in (first look, single process). */
  url: string | undefined;
  /** Name shown by `CLIENT LIST`, e.g. `bastion-api-relay`. */
  connectionName: string;
  /** Told about the first error of each outage (reconnects are retried silently meanwhile). */
  onError?: (error: Error) => void;
}

const BASE_OPTIONS: RedisOptions = {
  // Fail fast while disconnected instead of queueing: callers (relay, loaders) retry on their own
  // schedule and report themselves degraded meanwhile.
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 2_000,
  retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
};

/**
 * Opens a Redis connection, or the in-process stand-in when no URL is configured. Stand-in
 * connections created in one process share their data and pub/sub, which is what a first look
 * running the api and a proxy together needs.
 */
export function createRedis(options: RedisConnectionOptions): Redis {
  if (!options.url) return new RedisMock();
  const redis = new Redis(options.url, { ...BASE_OPTIONS, connectionName: options.connectionName });
  let reported = false;
  redis.on('error', (error: Error) => {
    if (!reported) options.onError?.(error);
    reported = true;
  });
  redis.on('ready', () => {
    reported = false;
  });
  return redis;
}

/** True when the connection can take commands right now. */
export function isRedisReady(redis: Redis): boolean {
  return redis.status === 'ready';
}

/** Resolves once the connection can take commands, or rejects after `timeoutMs`. */
export async function whenRedisReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready' || redis.status === undefined) return; // undefined: the in-process stand-in
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis not ready within ${timeoutMs} ms`)), timeoutMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
