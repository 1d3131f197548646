import type { AuditEvent, Change } from '@bastion/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'winston';
import { LOGGER } from '../core/api-runtime';
import { currentRequestContext } from '../http/request-context';
import { eventToAuditEventDto } from './audit-event.mapper';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditTailHub } from './audit-tail.hub';
import { AuditMetrics } from './audit.metrics';

/** One change as the audit trail keeps it: what and which, never the data (it may hold secrets). */
export interface AuditedChange {
  entity: string;
  op: Change['op'];
  id?: string;
}

/**
 * Records each committed configuration write as one `config.change` audit event, stored straight
 * in `audit_events` (no queue: the api is the producer). Best effort: the write has committed, so a
 * failure here is logged and swallowed, never turned into a failed request.
 */
@Injectable()
export class ConfigAuditRecorder {
  constructor(
    private readonly events: AuditEventsRepository,
    private readonly tail: AuditTailHub,
    private readonly metrics: AuditMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** `version` is the config version the write published (the last of its changes). */
  async record(changes: readonly Change[], version: number): Promise<void> {
    if (changes.length === 0) return;
    const adminKeyId = currentRequestContext()?.adminKeyId;
    const event: AuditEvent = {
      id: randomUUID(),
      time: new Date().toISOString(),
      type: 'config.change',
      status: 'ok',
      ...(adminKeyId ? { keyId: adminKeyId } : {}),
      payload: {
        changes: changes.map(auditedChange),
        version,
        ...(adminKeyId ? { adminKeyId } : {}),
      },
    };
    let inserted: Map<string, Date>;
    try {
      inserted = await this.events.insertMany([event]);
    } catch (error) {
      this.logger.error('config change audit event could not be stored', {
        config_version: version,
        error,
      });
      return;
    }
    this.metrics.stored.inc(inserted.size);
    const insertedAt = inserted.get(event.id);
    if (!insertedAt) return;
    try {
      await this.tail.announce([eventToAuditEventDto(event, insertedAt)]);
    } catch (error) {
      this.logger.warn('audit live tail announcement failed', { error });
    }
  }
}

function auditedChange(change: Change): AuditedChange {
  return change.op === 'reset'
    ? { entity: 'all', op: 'reset' }
    : { entity: change.entity, op: change.op, id: change.id };
}
