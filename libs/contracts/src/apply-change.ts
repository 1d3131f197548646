import type { ChangeEvent } from './change-event.schema';
import type { Snapshot, SnapshotEntity } from './snapshot.schema';

/** What applying one event to a snapshot led to. */
export type ApplyResult =
  | { kind: 'applied'; snapshot: Snapshot }
  /** The event is at or below the snapshot's version: already reflected, nothing to do. */
  | { kind: 'stale' }
  /** Events are missing between the snapshot and this one (or the event asks for a reset): reload. */
  | { kind: 'reload' };

/**
 * Applies one change event to a snapshot, strictly in version order. Pure: the input snapshot is
 * never modified; only the touched entity map is copied.
 */
export function applyChange(snapshot: Snapshot, event: ChangeEvent): ApplyResult {
  if (event.version <= snapshot.version) return { kind: 'stale' };
  if (event.version !== snapshot.version + 1 || event.op === 'reset') return { kind: 'reload' };
  if (event.op === 'upsert') {
    const entries = { ...snapshot[event.entity], [event.id]: event.data };
    return { kind: 'applied', snapshot: { ...snapshot, version: event.version, [event.entity]: entries } };
  }
  const { [event.id]: _removed, ...entries } = snapshot[event.entity];
  return { kind: 'applied', snapshot: { ...snapshot, version: event.version, [event.entity]: entries } };
}

/**
 * Applies many events in a row while copying each touched entity map only once (applying them one
 * by one with {@link applyChange} would copy a 10k-key map per event). The snapshot it started
 * from is never modified.
 */
export class SnapshotDraft {
  private readonly copied = new Set<SnapshotEntity>();
  private draft: Snapshot;

  constructor(base: Snapshot) {
    this.draft = { ...base };
  }

  /** Same outcomes as {@link applyChange}: applied, stale (skipped) or reload (not applied). */
  apply(event: ChangeEvent): ApplyResult['kind'] {
    if (event.version <= this.draft.version) return 'stale';
    if (event.version !== this.draft.version + 1 || event.op === 'reset') return 'reload';
    const entries = this.writable(event.entity);
    if (event.op === 'upsert') entries[event.id] = event.data;
    else delete entries[event.id];
    this.draft.version = event.version;
    return 'applied';
  }

  /** The snapshot with every applied event. */
  result(): Snapshot {
    return this.draft;
  }

  private writable(entity: SnapshotEntity): Record<string, unknown> {
    if (!this.copied.has(entity)) {
      this.draft = { ...this.draft, [entity]: { ...this.draft[entity] } };
      this.copied.add(entity);
    }
    return this.draft[entity];
  }
}
