import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const count = (what: string) => z.number().int().min(0).describe(what);
const millis = (what: string) => z.number().nullable().describe(what);

const figures = {
  calls: count('Completed calls: `response` and `error` events.'),
  errors: count('Calls that failed: `error` events and responses with status `error`.'),
  errorRate: z.number().min(0).max(1).describe('errors / calls (0 without calls).'),
  timeouts: count('Calls that timed out upstream (error code -32011).'),
  blocked: count('Calls a guardrail blocked (status `blocked`).'),
  guardrailActions: count('`guardrail` events: blocks, redactions and warnings.'),
  latencyMs: z
    .object({
      p50: millis('Median duration.'),
      p95: millis('95th percentile.'),
      p99: millis('99th percentile.'),
    })
    .describe('Call durations in milliseconds (null without durations).'),
};

export const auditStatsRowSchema = z.object({
  server: z.string().describe('Upstream server.'),
  tool: z.string().nullable().describe('Tool; null for calls that name none (e.g. `resources/read`).'),
  ...figures,
});

export type AuditStatsRow = z.infer<typeof auditStatsRowSchema>;
export type AuditStatsFigures = Omit<AuditStatsRow, 'server' | 'tool'>;

export class AuditStatsDto extends createZodDto(
  z.object({
    from: z.iso.datetime().describe('Start of the window.'),
    to: z.iso.datetime().describe('End of the window.'),
    projectId: z.uuid().nullable().describe('The project counted, or null for all.'),
    totals: z.object(figures).describe('Every server and tool together.'),
    items: z
      .array(auditStatsRowSchema)
      .describe('One entry per server and tool, most calls first (at most 1,000).'),
  }),
) {}
