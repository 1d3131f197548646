import { SnapshotDraft, type ChangeEvent, type Snapshot } from '@bastion/contracts';
import { LOG_FIELDS } from '@bastion/observability';
import type { ChangeEventInbox } from './change-event.inbox';
import { ServingState } from './serving.state';
import { diffSnapshots, idsTouchedBy } from './snapshot.diff';
import type { StateChange, StateChangeListener, SyncLogger } from './snapshot-sync.types';

interface ReadyWaiter {
  resolve: (state: ServingState) => void;
  reject: (error: Error) => void;
}

/**
 * Holds the current ServingState and replaces it, never mutates it: applies change events in order
 * or swaps in a loaded snapshot, and tells the listener what changed. No I/O.
 */
export class ServingStateHolder {
  private state: ServingState | null = null;
  private appliedAt: Date | null = null;
  private readonly waiters: ReadyWaiter[] = [];

  constructor(
    private readonly log: SyncLogger,
    private readonly listener: StateChangeListener | undefined,
  ) {}

  /** The current state, null before the first snapshot. */
  current(): ServingState | null {
    return this.state;
  }

  /** The current config version, 0 before the first snapshot. */
  get version(): number {
    return this.state?.version ?? 0;
  }

  /** When the current state was installed. */
  get lastAppliedAt(): Date | null {
    return this.appliedAt;
  }

  /** Resolves with the first state (at once when there is one). */
  whenReady(): Promise<ServingState> {
    if (this.state) return Promise.resolve(this.state);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Fails everyone still waiting for a first state. */
  abandonWaiters(error: Error): void {
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }

  /**
   * Applies the inbox's events in order (stale ones are skipped) and installs the result as one new
   * state. Returns the event that needs a reload (a gap or a reset), leaving later events queued.
   */
  applyFrom(inbox: ChangeEventInbox): ChangeEvent | undefined {
    const base = this.state;
    if (!base) return undefined;
    const draft = new SnapshotDraft(base.snapshot);
    const applied: ChangeEvent[] = [];
    let reload: ChangeEvent | undefined;
    while (!reload) {
      const item = inbox.shift();
      if (!item) break;
      const outcome = draft.apply(item.event);
      if (outcome === 'reload') reload = item.event;
      else if (outcome === 'applied') applied.push(item.event);
    }
    if (applied.length > 0) {
      const change: StateChange = { cause: 'events', events: applied, changed: idsTouchedBy(applied) };
      this.install(base.withEvents(draft.result(), applied), change);
    }
    return reload;
  }

  /** Installs a loaded snapshot, unless it equals the current one. Returns whether the state changed. */
  replace(snapshot: Snapshot): boolean {
    const previous = this.state;
    const changed = diffSnapshots(previous?.snapshot ?? null, snapshot);
    const same = Object.values(changed).every((ids) => ids.size === 0);
    if (previous && previous.version === snapshot.version && same) return false;
    const state = ServingState.fromSnapshot(snapshot);
    this.install(state, { cause: previous ? 'reload' : 'initial', events: [], changed });
    for (const waiter of this.waiters.splice(0)) waiter.resolve(state);
    return true;
  }

  private install(state: ServingState, change: StateChange): void {
    const previous = this.state;
    this.state = state;
    this.appliedAt = new Date();
    try {
      this.listener?.(state, previous, change);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log('error', 'config change listener failed', { [LOG_FIELDS.error]: message });
    }
  }
}
