import { SnapshotStore } from '@bastion/bus';
import type { Snapshot } from '@bastion/contracts';
import { LOG_FIELDS } from '@bastion/observability';
import { ChangeEventInbox, parseChangeEvent } from './change-event.inbox';
import { PauseTimers } from './pause.timers';
import { ReloadDemand } from './reload.demand';
import { RetryBackoff } from './retry.backoff';
import type { ServingState } from './serving.state';
import { ServingStateHolder } from './serving-state.holder';
import { computeSyncHealth } from './snapshot-sync.health';
import type { SnapshotSyncDeps, SnapshotSyncOptions, SyncHealth } from './snapshot-sync.types';

const DEFAULT_OPTIONS: SnapshotSyncOptions = {
  checkIntervalMs: 5_000,
  minRetryMs: 200,
  maxRetryMs: 5_000,
  catchUpTimeoutMs: 10_000,
};
// A reload makes every event received before it redundant, so a full inbox is dropped, not grown.
const INBOX_CAPACITY = 10_000;
// A stored version above the served one may be an event still in flight on the other connection.
const CHECK_GRACE_MS = 100;
const FIELD_VERSION = 'config_version';

const errorFields = (error: unknown) => ({
  [LOG_FIELDS.error]: error instanceof Error ? error.message : String(error),
});

/**
 * Keeps the worker's ServingState current from Redis: subscribes to the change events, loads the
 * snapshot, applies events strictly in version order, reloads on a gap, a reset or an unreadable
 * message, and compares the stored version periodically because pub/sub may drop messages. While
 * Redis is away it keeps serving the last state and reports itself degraded. The only code of the
 * worker that reads configuration from Redis.
 */
export class SnapshotSync {
  private readonly options: SnapshotSyncOptions;
  private readonly store: SnapshotStore;
  private readonly holder: ServingStateHolder;
  private readonly demand: ReloadDemand;
  private readonly inbox = new ChangeEventInbox(INBOX_CAPACITY);
  private readonly pauses = new PauseTimers();
  private readonly backoff: RetryBackoff;
  private running = false;
  private subscribed = false;
  private loading = false;
  private pumpScheduled = false;
  private lastSync: Date | null = null;
  private problem: string | undefined;
  private problemKey: string | undefined;
  private checkTimer: NodeJS.Timeout | undefined;
  private readonly onMessage = (channel: string, message: string) => this.receive(channel, message);
  private readonly onSubscriberReady = () => void this.resubscribe();

  constructor(private readonly deps: SnapshotSyncDeps) {
    this.options = { ...DEFAULT_OPTIONS, ...deps.options };
    this.store = new SnapshotStore(deps.redis, deps.keys);
    this.holder = new ServingStateHolder(deps.log, deps.onChange);
    this.demand = new ReloadDemand(this.options.catchUpTimeoutMs);
    this.backoff = new RetryBackoff(this.options.minRetryMs, this.options.maxRetryMs);
  }

  /** Starts syncing in the background; never throws, retries until Redis and a snapshot are there. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.deps.subscriber.on('message', this.onMessage);
    this.deps.subscriber.on('ready', this.onSubscriberReady);
    void this.boot();
  }

  /** Unsubscribes and stops every timer. The connections stay open: they belong to the caller. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearInterval(this.checkTimer);
    this.pauses.cancelAll();
    this.deps.subscriber.off('message', this.onMessage);
    this.deps.subscriber.off('ready', this.onSubscriberReady);
    this.holder.abandonWaiters(new Error('Snapshot sync stopped.'));
    if (!this.subscribed) return;
    this.subscribed = false;
    await this.deps.subscriber.unsubscribe(this.deps.keys.configEvents).catch(() => undefined);
  }

  /** The state to serve from, or null before the first snapshot was loaded. */
  current(): ServingState | null {
    return this.holder.current();
  }

  /** Resolves with the first loaded state (at once when there is one); rejects on `stop()`. */
  whenReady(): Promise<ServingState> {
    return this.holder.whenReady();
  }

  /** The served config version, 0 before the first load. */
  get version(): number {
    return this.holder.version;
  }

  /** When the served state was installed (a change applied or a snapshot loaded). */
  get lastAppliedAt(): Date | null {
    return this.holder.lastAppliedAt;
  }

  /** Readiness and freshness, for /readyz and metrics. */
  health(now: Date = new Date()): SyncHealth {
    return computeSyncHealth({
      connections: [this.deps.subscriber, this.deps.redis],
      ready: this.holder.current() !== null,
      version: this.version,
      lastSyncAt: this.lastSync,
      checkIntervalMs: this.options.checkIntervalMs,
      problem: this.problem,
      now,
    });
  }

  // Subscribing before the first load means no event can fall between the snapshot and the stream.
  private async boot(): Promise<void> {
    const backoff = new RetryBackoff(this.options.minRetryMs, this.options.maxRetryMs);
    while (this.running && !this.subscribed) {
      try {
        await this.deps.subscriber.subscribe(this.deps.keys.configEvents);
        this.subscribed = this.running;
      } catch (error) {
        this.noteProblem('subscribe failed', errorFields(error));
        await this.pauses.pause(backoff.next(), this.deps.subscriber);
      }
    }
    if (!this.subscribed) return;
    this.checkTimer = setInterval(() => void this.check(), this.options.checkIntervalMs);
    this.demand.request();
    this.reload('initial load');
  }

  // After a reconnect ioredis resubscribes by itself, but the messages of the outage are lost.
  // Awaiting our own SUBSCRIBE guarantees the subscription is back before the reload reads.
  private async resubscribe(): Promise<void> {
    if (!this.running || !this.subscribed) return;
    try {
      await this.deps.subscriber.subscribe(this.deps.keys.configEvents);
    } catch (error) {
      this.noteProblem('resubscribe failed', errorFields(error));
      return;
    }
    this.demand.request();
    this.reload('Redis reconnected');
  }

  private receive(channel: string, message: string): void {
    if (channel !== this.deps.keys.configEvents || !this.running) return;
    const seq = this.demand.stamp();
    const event = parseChangeEvent(message);
    if (!event) {
      this.deps.log('warn', 'unreadable config change event', { length: message.length });
      this.demand.request();
      return this.reload('unreadable change event');
    }
    if (event.op === 'reset') {
      this.demand.requestReset(event.version);
      return this.reload('reset', { [FIELD_VERSION]: event.version });
    }
    if (this.inbox.push({ seq, event })) return this.schedulePump();
    this.inbox.clear();
    this.demand.request();
    this.reload('too many change events waiting');
  }

  // Messages read from one socket chunk are emitted back to back: applying them after the current
  // task makes one new state for the whole burst instead of one per message.
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      if (this.running) this.pump();
    });
  }

  /** Applies the waiting events in order; a gap asks for a snapshot at least as new as its event. */
  private pump(): void {
    if (this.loading) return;
    const before = this.version;
    const gap = this.holder.applyFrom(this.inbox);
    if (this.version !== before) this.lastSync = new Date();
    if (!gap) return;
    this.demand.request(gap.version);
    this.reload('missed change events', { [FIELD_VERSION]: this.version, received: gap.version });
  }

  /** Runs the load loop for what was just asked of `demand` (a running loop picks it up). */
  private reload(reason: string, fields: Record<string, unknown> = {}): void {
    this.deps.log('info', 'config snapshot reload requested', { reason, ...fields });
    void this.runLoads();
  }

  private async runLoads(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    try {
      while (this.running && this.demand.pending) {
        const delayMs = await this.loadOnce();
        if (delayMs > 0) await this.pauses.pause(delayMs, this.deps.redis);
      }
    } catch (error) {
      this.deps.log('error', 'config snapshot sync failed', errorFields(error));
    } finally {
      this.loading = false;
    }
    if (this.running) this.pump();
  }

  /** One load attempt: 0 when done, else the delay before the next attempt. */
  private async loadOnce(): Promise<number> {
    const startTick = this.demand.begin();
    let snapshot: Snapshot | null;
    try {
      snapshot = await this.store.load();
    } catch (error) {
      return this.retryLoad('snapshot load failed', errorFields(error));
    }
    if (!this.running) return 0;
    if (!snapshot) return this.retryLoad('no readable snapshot in Redis yet');
    if (!this.demand.accepts(snapshot.version)) {
      const fields = { stored: snapshot.version, [FIELD_VERSION]: this.demand.required };
      return this.retryLoad('stored snapshot older than an event already received', fields);
    }
    this.demand.complete(startTick);
    this.inbox.dropThrough(startTick);
    this.backoff.reset();
    this.markSynced();
    if (this.holder.replace(snapshot)) {
      this.deps.log('info', 'config snapshot loaded', { [FIELD_VERSION]: snapshot.version });
    }
    return 0;
  }

  // Pub/sub is fire-and-forget: compare the stored version now and then.
  private async check(): Promise<void> {
    if (!this.holder.current() || this.loading) return;
    const servedAtSend = this.version;
    let stored: number | null;
    try {
      stored = await this.store.version();
    } catch (error) {
      return this.noteProblem('version check failed', errorFields(error));
    }
    if (!this.running || this.loading) return;
    if (stored === null) return this.noteProblem('no snapshot in Redis');
    this.markSynced();
    if (stored < servedAtSend) {
      this.demand.request();
      this.reload('Redis holds an older snapshot', { [FIELD_VERSION]: servedAtSend, stored });
    } else if (stored > this.version) void this.confirmAhead(stored);
  }

  private async confirmAhead(stored: number): Promise<void> {
    await this.pauses.pause(CHECK_GRACE_MS);
    if (!this.running || this.loading || this.version >= stored) return;
    this.demand.request(stored);
    this.reload('change event missed (periodic check)', { [FIELD_VERSION]: this.version, stored });
  }

  private retryLoad(reason: string, fields: Record<string, unknown> = {}): number {
    this.noteProblem(reason, fields);
    return this.backoff.next();
  }

  /** Records why the sync waits or failed; logs once per distinct reason until the next success. */
  private noteProblem(reason: string, fields: Record<string, unknown> = {}): void {
    if (this.problemKey !== reason) this.deps.log('warn', `config sync: ${reason}`, fields);
    this.problemKey = reason;
    const error = fields[LOG_FIELDS.error];
    this.problem = typeof error === 'string' ? `${reason}: ${error}` : reason;
  }

  private markSynced(): void {
    this.lastSync = new Date();
    this.problem = undefined;
    this.problemKey = undefined;
  }
}
