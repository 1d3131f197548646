import {
  SNAPSHOT_ENTITY_NAMES,
  type ChangeEvent,
  type Snapshot,
  type SnapshotEntity,
} from '@bastion/contracts';
import { isDeepStrictEqual } from 'node:util';

/** Per entity kind, the ids of entries that were added, modified or removed. */
export type ChangedIds = Readonly<Record<SnapshotEntity, ReadonlySet<string>>>;

function emptyIds(): Record<SnapshotEntity, Set<string>> {
  const ids = {} as Record<SnapshotEntity, Set<string>>;
  for (const entity of SNAPSHOT_ENTITY_NAMES) ids[entity] = new Set();
  return ids;
}

/** The ids named by applied upsert and delete events (a reset names none: diff snapshots instead). */
export function idsTouchedBy(events: readonly ChangeEvent[]): ChangedIds {
  const ids = emptyIds();
  for (const event of events) if (event.op !== 'reset') ids[event.entity].add(event.id);
  return ids;
}

function diffEntries(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  into: Set<string>,
): void {
  if (before === after) return;
  for (const [id, entry] of Object.entries(after)) {
    if (!isDeepStrictEqual(before[id], entry)) into.add(id);
  }
  for (const id of Object.keys(before)) if (!Object.hasOwn(after, id)) into.add(id);
}

/** Every entry that differs between two snapshots (all of `after` when there is no `before`). */
export function diffSnapshots(before: Snapshot | null, after: Snapshot): ChangedIds {
  const ids = emptyIds();
  for (const entity of SNAPSHOT_ENTITY_NAMES) diffEntries(before?.[entity] ?? {}, after[entity], ids[entity]);
  return ids;
}
