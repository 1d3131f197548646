import type { AuditEventDto } from './dto/audit-event.dto';
import type { AuditFilter } from './audit-filter';

/**
 * Whether an event passes a filter: the live tail's counterpart of the SQL in audit-where.sql.ts,
 * with the same rules (exact fields, listed types and statuses, a minimum duration, and `q` as a
 * case-insensitive substring of type, method, server, tool, status, error code and payload JSON).
 * Postgres prints JSON with a space after `:` and `,`; so does {@link searchText}, so a `q` with
 * JSON punctuation matches alike in both.
 */
export function matchesAuditFilter(filter: AuditFilter, event: AuditEventDto): boolean {
  if (filter.projectId && event.projectId !== filter.projectId) return false;
  if (filter.userId && event.userId !== filter.userId) return false;
  if (filter.keyId && event.keyId !== filter.keyId) return false;
  if (filter.sessionId && event.sessionId !== filter.sessionId) return false;
  if (filter.traceId && event.traceId !== filter.traceId) return false;
  if (filter.server && event.server !== filter.server) return false;
  if (filter.tool && event.tool !== filter.tool) return false;
  if (filter.method && event.method !== filter.method) return false;
  if (filter.type?.length && !filter.type.includes(event.type)) return false;
  if (filter.status?.length && (event.status === null || !filter.status.includes(event.status))) return false;
  if (filter.minDurationMs !== undefined && (event.durationMs ?? -1) < filter.minDurationMs) return false;
  if (filter.q && !searchText(event).toLowerCase().includes(filter.q.toLowerCase())) return false;
  return true;
}

/** The searchable text of an event, as the SQL function `audit_search_text` builds it. */
export function searchText(event: AuditEventDto): string {
  const payload = event.payload === null || event.payload === undefined ? '' : postgresJson(event.payload);
  return [event.type, event.method, event.server, event.tool, event.status, event.errorCode, payload]
    .map((part) => (part === null || part === undefined ? '' : String(part)))
    .join(' ');
}

/** JSON as Postgres prints jsonb: `{"a": 1, "bb": [1, 2]}`, keys shortest first, then bytewise. */
function postgresJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(postgresJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => compareKeys(a, b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}: ${postgresJson(item)}`).join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function compareKeys(a: string, b: string): number {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length - right.length || Buffer.compare(left, right);
}
