import { Injectable } from '@nestjs/common';
import { DEFAULT_STATS_SPAN_MS, resolveWindow } from './audit-filter';
import { AuditStatsRepository, type AuditStatsSqlRow } from './audit-stats.repository';
import type { AuditStatsQueryDto } from './dto/audit-query.dto';
import type { AuditStatsDto, AuditStatsFigures } from './dto/audit-stats.dto';

/** Call counts, error rates and latency percentiles per server and tool. */
@Injectable()
export class AuditStatsService {
  constructor(private readonly stats: AuditStatsRepository) {}

  async compute(query: AuditStatsQueryDto): Promise<AuditStatsDto> {
    const { from, to, projectId } = resolveWindow(query, DEFAULT_STATS_SPAN_MS);
    const rows = await this.stats.groups(from, to, projectId);
    const totals = rows.find((row) => row.total === 1);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      projectId: projectId ?? null,
      totals: totals ? figures(totals) : figures(EMPTY),
      items: rows
        .filter((row) => row.total === 0)
        .map((row) => ({ server: row.server ?? '', tool: row.tool, ...figures(row) })),
    };
  }
}

const EMPTY: AuditStatsSqlRow = {
  total: 1,
  server: null,
  tool: null,
  calls: 0,
  errors: 0,
  timeouts: 0,
  blocked: 0,
  guardrail_actions: 0,
  p50: null,
  p95: null,
  p99: null,
};

function figures(row: AuditStatsSqlRow): AuditStatsFigures {
  return {
    calls: row.calls,
    errors: row.errors,
    errorRate: row.calls > 0 ? row.errors / row.calls : 0,
    timeouts: row.timeouts,
    blocked: row.blocked,
    guardrailActions: row.guardrail_actions,
    latencyMs: { p50: row.p50, p95: row.p95, p99: row.p99 },
  };
}
