import type { AuditEvent } from '@bastion/contracts';
import type { AuditEventRow } from './audit-events.repository';
import type { AuditEventDto } from './dto/audit-event.dto';

/** A stored row as the API shows it. */
export function rowToAuditEventDto(row: AuditEventRow): AuditEventDto {
  return {
    id: row.id,
    time: row.time.toISOString(),
    type: row.type,
    direction: row.direction,
    method: row.method,
    sessionId: row.session_id,
    projectId: row.project_id,
    userId: row.user_id,
    keyId: row.key_id,
    server: row.server,
    tool: row.tool,
    status: row.status,
    durationMs: row.duration_ms,
    errorCode: row.error_code,
    payload: row.payload ?? null,
    traceId: row.trace_id,
    workerId: row.worker_id,
    insertedAt: row.inserted_at.toISOString(),
  };
}

/** A just-stored event as the API shows it (for the live tail, without reading it back). */
export function eventToAuditEventDto(event: AuditEvent, insertedAt: Date): AuditEventDto {
  return {
    id: event.id,
    // Stored with millisecond precision, like the rows search returns.
    time: new Date(event.time).toISOString(),
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
    payload: event.payload ?? null,
    traceId: event.traceId ?? null,
    workerId: event.workerId ?? null,
    insertedAt: insertedAt.toISOString(),
  };
}
