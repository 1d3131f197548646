import type { BusKeys } from '@bastion/bus';
import type { ChangeEvent } from '@bastion/contracts';
import type { Redis } from 'ioredis';
import type { ChangedIds } from './snapshot.diff';
import type { ServingState } from './serving.state';

/** Severity of a sync log line. */
export type SyncLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where the sync reports what it does; the composition root forwards it to the app logger. */
export type SyncLogger = (level: SyncLogLevel, message: string, fields: Record<string, unknown>) => void;

/** What changed between two serving states. */
export interface StateChange {
  /** `initial`: first load; `events`: change events applied in order; `reload`: snapshot re-read. */
  cause: 'initial' | 'events' | 'reload';
  /** The applied events, in version order (empty unless `cause` is `events`). */
  events: readonly ChangeEvent[];
  /**
   * Ids added, modified or removed, per entity kind: from the events, or a full diff of the two
   * snapshots on a reload. An id absent from the new state was removed.
   */
  changed: ChangedIds;
}

/** Told about every new state, synchronously and in order; errors it throws are logged and ignored. */
export type StateChangeListener = (
  state: ServingState,
  previous: ServingState | null,
  change: StateChange,
) => void;

/** Tunables of the sync. */
export interface SnapshotSyncOptions {
  /** How often the stored version is compared with the served one (pub/sub can drop messages). */
  checkIntervalMs: number;
  /** First retry delay after a failed subscribe or load; doubles up to `maxRetryMs`. */
  minRetryMs: number;
  /** Longest retry delay. */
  maxRetryMs: number;
  /**
   * How long to wait for a stored snapshot that is older than an event already seen before taking
   * it anyway (the relay may have rebuilt an older one from a restored database).
   */
  catchUpTimeoutMs: number;
}

/** Collaborators of the sync, created and closed by the caller. */
export interface SnapshotSyncDeps {
  /** A connection dedicated to SUBSCRIBE (e.g. `createRedis(...)`). */
  subscriber: Redis;
  /** A connection for commands (GET). */
  redis: Redis;
  keys: BusKeys;
  log: SyncLogger;
  onChange?: StateChangeListener;
  options?: Partial<SnapshotSyncOptions>;
}

/** Whether the worker can serve, and how fresh its configuration is. */
export interface SyncHealth {
  /** A snapshot was loaded at least once. */
  ready: boolean;
  /** Serving possibly outdated configuration: Redis is down or no sync succeeded lately. */
  degraded: boolean;
  /** The served config version (0 before the first load). */
  version: number;
  /** Last time the served state was confirmed or updated from Redis. */
  lastSyncAt: Date | null;
  redis: 'up' | 'down';
  /** Why the sync is not ready, degraded or waiting, when it is. */
  reason?: string;
}
