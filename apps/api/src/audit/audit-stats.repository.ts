import { Prisma, PrismaService } from '@bastion/db';
import { Injectable } from '@nestjs/common';

/** One group of the stats query; `total` is 1 on the row that sums every server and tool. */
export interface AuditStatsSqlRow {
  total: number;
  server: string | null;
  tool: string | null;
  calls: number;
  errors: number;
  timeouts: number;
  blocked: number;
  guardrail_actions: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** Most server/tool groups returned (the busiest). */
export const STATS_MAX_GROUPS = 1_000;

/** Timeouts are the upstream-timeout error of the MCP error table. */
const TIMEOUT_CODE = -32011;

/**
 * Per server and tool over a window: a call is a `response` or `error` event (one per completed
 * request); percentiles are computed by Postgres (`percentile_cont`) over those calls' durations.
 * `GROUPING SETS` adds the row for everything together in the same scan.
 */
@Injectable()
export class AuditStatsRepository {
  constructor(private readonly prisma: PrismaService) {}

  groups(from: Date, to: Date, projectId?: string): Promise<AuditStatsSqlRow[]> {
    const project = projectId ? Prisma.sql`AND project_id = ${projectId}::uuid` : Prisma.empty;
    const call = Prisma.sql`type IN ('response', 'error')`;
    const percentile = (fraction: number) =>
      Prisma.sql`percentile_cont(${fraction}::float8) WITHIN GROUP (ORDER BY duration_ms) FILTER (WHERE ${call})`;
    return this.prisma.$queryRaw<AuditStatsSqlRow[]>`
      SELECT GROUPING(server)::int AS total, server, tool,
             count(*) FILTER (WHERE ${call})::int AS calls,
             count(*) FILTER (WHERE type = 'error' OR (type = 'response' AND status = 'error'))::int AS errors,
             count(*) FILTER (WHERE ${call} AND error_code = ${TIMEOUT_CODE})::int AS timeouts,
             count(*) FILTER (WHERE ${call} AND status = 'blocked')::int AS blocked,
             count(*) FILTER (WHERE type = 'guardrail')::int AS guardrail_actions,
             ${percentile(0.5)} AS p50, ${percentile(0.95)} AS p95, ${percentile(0.99)} AS p99
      FROM audit_events
      WHERE time >= ${from.toISOString()}::timestamptz AND time < ${to.toISOString()}::timestamptz
        AND server IS NOT NULL ${project}
      GROUP BY GROUPING SETS ((server, tool), ())
      ORDER BY total DESC, calls DESC, server, tool NULLS FIRST
      LIMIT ${STATS_MAX_GROUPS + 1}`;
  }
}
