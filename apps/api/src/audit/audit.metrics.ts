import { Counter, Gauge, type Registry } from 'prom-client';

/** Metric names of the audit trail. */
export const AUDIT_METRIC_NAMES = {
  ingested: 'bastion_audit_events_ingested_total',
  duplicates: 'bastion_audit_events_duplicate_total',
  invalid: 'bastion_audit_events_invalid_total',
  deleted: 'bastion_audit_events_deleted_total',
  tailStreams: 'bastion_audit_tail_streams',
} as const;

/** Counters of ingest, retention and live tail, on the api's registry (`GET /metrics`). */
export class AuditMetrics {
  readonly ingested: Counter;
  readonly duplicates: Counter;
  readonly invalid: Counter;
  readonly deleted: Counter;
  readonly tailStreams: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
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
}
