import type { Redis } from 'ioredis';
import type { SyncHealth } from './snapshot-sync.types';

/** Missed checks after which the served configuration counts as possibly outdated. */
export const STALE_AFTER_CHECKS = 3;

/** What the health report is computed from. */
export interface SyncHealthInputs {
  connections: readonly Redis[];
  ready: boolean;
  version: number;
  lastSyncAt: Date | null;
  checkIntervalMs: number;
  /** The last failure or wait of the sync, cleared by the next success. */
  problem: string | undefined;
  now: Date;
}

/** True when a connection can take commands now (the in-process stand-in has no status: always up). */
export function connectionUp(redis: Redis): boolean {
  const status = redis.status as string | undefined;
  return status === 'ready' || status === undefined;
}

function reasonOf(redisUp: boolean, inputs: SyncHealthInputs, sinceSyncMs: number | null, stale: boolean) {
  if (!redisUp) return 'Redis connection down';
  if (inputs.problem) return inputs.problem;
  if (!inputs.ready) return 'waiting for the first snapshot';
  if (stale) return `no successful sync for ${sinceSyncMs} ms`;
  return undefined;
}

/** Ready, degraded (Redis down or no sync within STALE_AFTER_CHECKS checks) and why. */
export function computeSyncHealth(inputs: SyncHealthInputs): SyncHealth {
  const redisUp = inputs.connections.every(connectionUp);
  const sinceSyncMs = inputs.lastSyncAt ? inputs.now.getTime() - inputs.lastSyncAt.getTime() : null;
  const stale = sinceSyncMs === null || sinceSyncMs > STALE_AFTER_CHECKS * inputs.checkIntervalMs;
  const reason = reasonOf(redisUp, inputs, sinceSyncMs, stale);
  return {
    ready: inputs.ready,
    degraded: !redisUp || stale,
    version: inputs.version,
    lastSyncAt: inputs.lastSyncAt,
    redis: redisUp ? 'up' : 'down',
    ...(reason === undefined ? {} : { reason }),
  };
}
