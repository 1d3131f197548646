import { BadRequestException } from '@nestjs/common';

/** What an audit query selects, parsed from the query string. */
export interface AuditFilter {
  projectId?: string | undefined;
  userId?: string | undefined;
  keyId?: string | undefined;
  sessionId?: string | undefined;
  traceId?: string | undefined;
  server?: string | undefined;
  tool?: string | undefined;
  method?: string | undefined;
  type?: readonly string[] | undefined;
  status?: readonly string[] | undefined;
  minDurationMs?: number | undefined;
  q?: string | undefined;
}

/** A filter over a time window `[from, to)`. */
export interface AuditWindowFilter extends AuditFilter {
  from: Date;
  to: Date;
}

/** A place in the newest-first order of events: everything strictly after it comes next. */
export interface AuditPosition {
  time: Date;
  id: string;
}

const HOUR_MS = 3_600_000;

/** Fills in the window: `to` defaults to now, `from` to `defaultSpanMs` before `to`. */
export function resolveWindow<T extends AuditFilter & { from?: string | undefined; to?: string | undefined }>(
  query: T,
  defaultSpanMs: number,
  now = new Date(),
): Omit<T, 'from' | 'to'> & { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - defaultSpanMs);
  if (from >= to) throw new BadRequestException('`from` must be before `to`.');
  return { ...query, from, to };
}

export const DEFAULT_SEARCH_SPAN_MS = 24 * HOUR_MS;
export const DEFAULT_STATS_SPAN_MS = HOUR_MS;
