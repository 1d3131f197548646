import type { AuditEvent } from '@bastion/contracts';
import { Prisma, PrismaService } from '@bastion/db';
import { Injectable } from '@nestjs/common';
import type { AuditPosition, AuditWindowFilter } from './audit-filter';
import { auditWhere } from './audit-where.sql';

/** An `audit_events` row as raw SQL returns it. */
export interface AuditEventRow {
  id: string;
  time: Date;
  type: string;
  direction: string | null;
  method: string | null;
  session_id: string | null;
  project_id: string | null;
  user_id: string | null;
  key_id: string | null;
  server: string | null;
  tool: string | null;
  status: string | null;
  duration_ms: number | null;
  error_code: number | null;
  payload: unknown;
  trace_id: string | null;
  worker_id: string | null;
  inserted_at: Date;
}

/** The audit trail in Postgres: idempotent inserts, keyset-paginated reads, retention deletes. */
@Injectable()
export class AuditEventsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Inserts events whose id is not stored yet (`ON CONFLICT DO NOTHING`), so a batch delivered twice
   * is stored once. Returns when each newly stored event was inserted, by id.
   */
  async insertMany(events: readonly AuditEvent[]): Promise<Map<string, Date>> {
    if (events.length === 0) return new Map();
    const inserted = await this.prisma.auditEvent.createManyAndReturn({
      data: events.map(toCreateInput),
      skipDuplicates: true,
      select: { id: true, insertedAt: true },
    });
    return new Map(inserted.map((row) => [row.id, row.insertedAt]));
  }

  /** Up to `limit` events of a filter, newest first, after `after` when given. */
  page(filter: AuditWindowFilter, limit: number, after?: AuditPosition): Promise<AuditEventRow[]> {
    return this.prisma.$queryRaw<AuditEventRow[]>`
      SELECT id, time, type, direction, method, session_id, project_id, user_id, key_id, server, tool, status,
             duration_ms, error_code, payload, trace_id, worker_id, inserted_at
      FROM audit_events
      WHERE ${auditWhere(filter, after)}
      ORDER BY time DESC, id DESC
      LIMIT ${limit}`;
  }

  /** Deletes up to `max` events older than `cutoff` (oldest first); returns how many. */
  deleteOlderThan(cutoff: Date, max: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM audit_events
      WHERE id IN (
        SELECT id FROM audit_events WHERE time < ${cutoff.toISOString()}::timestamptz ORDER BY time LIMIT ${max}
      )`;
  }
}

function toCreateInput(event: AuditEvent): Prisma.AuditEventCreateManyInput {
  return {
    id: event.id,
    time: new Date(event.time),
    type: event.type,
    direction: event.direction ?? null,
    method: event.method ?? null,
    sessionId: event.sessionId ?? null,
    projectId: event.projectId ?? null,
    userId: event.userId ?? null,
    keyId: event.keyId ?? null,
    server: event.server ?? null,
    tool: event.tool ?? null,
    status: event.status ?? null,
    durationMs: event.durationMs ?? null,
    errorCode: event.errorCode ?? null,
    payload: event.payload === undefined || event.payload === null ? Prisma.DbNull : event.payload,
    traceId: event.traceId ?? null,
    workerId: event.workerId ?? null,
  };
}
