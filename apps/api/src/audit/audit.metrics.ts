import { METRIC_NAMES } from '@bastion/observability';
import { Counter, Gauge, type Registry } from 'prom-client';

/** Metric names of the audit trail. */
export const AUDIT_METRIC_NAMES = {
  ingested: 'bastion_audit_events_ingested_total',
  duplicates: 'bastion_audit_events_duplicate_total',
  invalid: 'bastion_audit_events_invalid_total',
  deleted: 'bastion_audit_events_deleted_total',
  tailStreams: 'bastion_audit_tail_streams',
  stored: METRIC_NAMES.auditEventsStored,
  queueDepth: METRIC_NAMES.auditQueueDepth,
} as const;

/** How long a scrape waits for the queue's job counts before reporting the last value read. */
export const QUEUE_DEPTH_TIMEOUT_MS = 500;

/** Counters of ingest, retention and live tail, on the api's registry (`GET /metrics`). */
export class AuditMetrics {
  /** Every audit event stored by this api: ingested from workers, or recorded here (config changes). */
  readonly stored: Counter;
  readonly queueDepth: Gauge;
  private readQueueDepth: ((timeoutMs: number) => Promise<number>) | undefined;
  readonly ingested: Counter;
  readonly duplicates: Counter;
  readonly invalid: Counter;
  readonly deleted: Counter;
  readonly tailStreams: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.stored = new Counter({
      name: AUDIT_METRIC_NAMES.stored,
      help: 'Audit events stored (worker batches and config changes).',
      registers,
    });
    this.queueDepth = new Gauge({
      name: AUDIT_METRIC_NAMES.queueDepth,
      help: 'Jobs waiting or in progress on the audit queue (0 without Redis: delivery is in-process).',
      registers,
      collect: () => this.collectQueueDepth(),
    });
    this.ingested = new Counter({
      name: AUDIT_METRIC_NAMES.ingested,
      help: 'Audit events stored.',
      registers,
    });
    this.duplicates = new Counter({
      name: AUDIT_METRIC_NAMES.duplicates,
      help: 'Audit events received again and skipped (already stored).',
      registers,
    });
    this.invalid = new Counter({
      name: AUDIT_METRIC_NAMES.invalid,
      help: 'Audit events (or whole batches) refused by validation.',
      registers,
    });
    this.deleted = new Counter({
      name: AUDIT_METRIC_NAMES.deleted,
      help: 'Audit events deleted by retention.',
      registers,
    });
    this.tailStreams = new Gauge({
      name: AUDIT_METRIC_NAMES.tailStreams,
      help: 'Open live-tail (SSE) streams on this instance.',
      registers,
    });
  }

  /** Where scrapes read the queue depth from (the audit delivery); 0 until set. */
  observeQueueDepth(read: (timeoutMs: number) => Promise<number>): void {
    this.readQueueDepth = read;
  }

  /** A slow or unreachable Redis keeps the last value rather than failing the whole scrape. */
  private async collectQueueDepth(): Promise<void> {
    if (!this.readQueueDepth) return;
    try {
      this.queueDepth.set(await this.readQueueDepth(QUEUE_DEPTH_TIMEOUT_MS));
    } catch {
      // reported by /readyz (`checks.queue`)
    }
  }
}
