import { Prisma } from '@bastion/db';
import type { AuditFilter, AuditPosition, AuditWindowFilter } from './audit-filter';

/**
 * The text free-text search looks into, as the SQL function the migration created (and indexed with
 * pg_trgm where available): type, method, server, tool, status, error code and payload JSON.
 */
const SEARCH_TEXT = Prisma.sql`audit_search_text(type, method, server, tool, status, error_code, payload)`;

/** SQL conditions (joined by AND) selecting a filter's events, optionally only those after a position. */
export function auditWhere(filter: AuditWindowFilter, after?: AuditPosition): Prisma.Sql {
  const conditions = [
    Prisma.sql`time >= ${filter.from.toISOString()}::timestamptz`,
    Prisma.sql`time < ${filter.to.toISOString()}::timestamptz`,
    ...filterConditions(filter),
  ];
  if (after) {
    const time = after.time.toISOString();
    // The plain bound lets an index on time narrow the scan; the row comparison breaks ties by id.
    conditions.push(
      Prisma.sql`time <= ${time}::timestamptz`,
      Prisma.sql`(time, id) < (${time}::timestamptz, ${after.id}::uuid)`,
    );
  }
  return Prisma.join(conditions, ' AND ');
}

function filterConditions(filter: AuditFilter): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  const uuid = (column: string, value: string | undefined) => {
    if (value) conditions.push(Prisma.sql`${Prisma.raw(column)} = ${value}::uuid`);
  };
  const text = (column: string, value: string | undefined) => {
    if (value) conditions.push(Prisma.sql`${Prisma.raw(column)} = ${value}`);
  };
  uuid('project_id', filter.projectId);
  uuid('user_id', filter.userId);
  uuid('key_id', filter.keyId);
  text('session_id', filter.sessionId);
  text('trace_id', filter.traceId);
  text('server', filter.server);
  text('tool', filter.tool);
  text('method', filter.method);
  if (filter.type?.length) conditions.push(Prisma.sql`type = ANY(${[...filter.type]}::text[])`);
  if (filter.status?.length) conditions.push(Prisma.sql`status = ANY(${[...filter.status]}::text[])`);
  if (filter.minDurationMs !== undefined) {
    conditions.push(Prisma.sql`duration_ms >= ${filter.minDurationMs}::float8`);
  }
  if (filter.q) conditions.push(Prisma.sql`${SEARCH_TEXT} ILIKE ${likePattern(filter.q)}`);
  return conditions;
}

/** `%text%` with LIKE's wildcards in the text taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
