export { ServingState, type KeyRejection, type KeyResolution } from './serving.state';
export { SnapshotSync } from './snapshot.sync';
export type { ChangedIds } from './snapshot.diff';
export type {
  SnapshotSyncDeps,
  SnapshotSyncOptions,
  StateChange,
  StateChangeListener,
  SyncHealth,
  SyncLogLevel,
  SyncLogger,
} from './snapshot-sync.types';
