import { auditBatchSchema, auditEventSchema, capAuditPayload, type AuditEvent } from '@bastion/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'winston';
import { LOGGER } from '../core/api-runtime';
import { eventToAuditEventDto } from './audit-event.mapper';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditTailHub } from './audit-tail.hub';
import { AuditMetrics } from './audit.metrics';

/**
 * Stores one batch of audit events, whichever way it arrived (BullMQ job or in-process channel).
 * Each event is checked on its own: invalid ones are counted and logged (never their content) and
 * the rest stored. Storing skips ids already present, so a re-delivered batch changes nothing. A
 * database failure is thrown, so the queue retries the batch later.
 */
@Injectable()
export class AuditIngestService {
  constructor(
    private readonly events: AuditEventsRepository,
    private readonly tail: AuditTailHub,
    private readonly metrics: AuditMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Returns how many events were newly stored. */
  async ingest(data: unknown, batchId: string): Promise<number> {
    const batch = auditBatchSchema.safeParse(data);
    if (!batch.success) {
      this.metrics.invalid.inc();
      this.logger.warn('audit batch is malformed; dropped', {
        batch_id: batchId,
        error: firstIssue(batch.error),
      });
      return 0;
    }
    const valid = this.validEvents(batch.data.events, batchId);
    const inserted = await this.events.insertMany(valid);
    this.metrics.ingested.inc(inserted.size);
    this.metrics.stored.inc(inserted.size);
    this.metrics.duplicates.inc(valid.length - inserted.size);
    await this.announce(valid, inserted);
    return inserted.size;
  }

  private validEvents(raw: unknown[], batchId: string): AuditEvent[] {
    const valid: AuditEvent[] = [];
    let invalid = 0;
    let problem: string | undefined;
    for (const candidate of raw) {
      const parsed = auditEventSchema.safeParse(candidate);
      if (parsed.success) {
        valid.push({ ...parsed.data, payload: capAuditPayload(parsed.data.payload) });
      } else {
        invalid += 1;
        problem ??= firstIssue(parsed.error);
      }
    }
    if (invalid > 0) {
      this.metrics.invalid.inc(invalid);
      this.logger.warn('audit events failed validation; dropped', {
        batch_id: batchId,
        invalid,
        valid: valid.length,
        error: problem,
      });
    }
    return valid;
  }

  /** Best effort: the events are stored whatever happens to the live tail. */
  private async announce(events: AuditEvent[], inserted: Map<string, Date>): Promise<void> {
    const fresh = events.flatMap((event) => {
      const insertedAt = inserted.get(event.id);
      return insertedAt ? [eventToAuditEventDto(event, insertedAt)] : [];
    });
    try {
      await this.tail.announce(fresh);
    } catch (error) {
      this.logger.warn('audit live tail announcement failed', { error });
    }
  }
}

/** Where and why validation failed, without the value (it may hold what redaction missed). */
function firstIssue(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`;
}
