import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'winston';
import { API_RUNTIME, LOGGER, type ApiRuntime } from '../core/api-runtime';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditMetrics } from './audit.metrics';

const DAY_MS = 24 * 3_600_000;
/** Rows per DELETE, so one purge never holds long locks or a huge transaction. */
const DELETE_CHUNK = 10_000;

/** Deletes audit events older than AUDIT_RETENTION_DAYS (0 keeps everything). */
@Injectable()
export class AuditRetentionService {
  readonly retentionDays: number;

  constructor(
    private readonly events: AuditEventsRepository,
    private readonly metrics: AuditMetrics,
    @Inject(API_RUNTIME) runtime: ApiRuntime,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.retentionDays = runtime.config.audit.retentionDays;
  }

  /** Deletes every event older than the retention period before `now`; returns how many. */
  async purge(now = new Date()): Promise<number> {
    if (this.retentionDays === 0) return 0;
    const cutoff = new Date(now.getTime() - this.retentionDays * DAY_MS);
    let total = 0;
    for (;;) {
      const deleted = await this.events.deleteOlderThan(cutoff, DELETE_CHUNK);
      total += deleted;
      this.metrics.deleted.inc(deleted);
      if (deleted < DELETE_CHUNK) break;
    }
    if (total > 0) {
      this.logger.info('audit retention deleted old events', {
        deleted: total,
        cutoff: cutoff.toISOString(),
      });
    }
    return total;
  }
}
