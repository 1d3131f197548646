import type { ChangeEvent } from './change-event.schema';
import type { Snapshot } from './snapshot.schema';

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
