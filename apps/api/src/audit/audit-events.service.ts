import { Injectable } from '@nestjs/common';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import { rowToAuditEventDto } from './audit-event.mapper';
import { AuditEventsRepository } from './audit-events.repository';
import { DEFAULT_SEARCH_SPAN_MS, resolveWindow } from './audit-filter';
import type { AuditEventPageDto } from './dto/audit-event.dto';
import type { AuditSearchQueryDto } from './dto/audit-query.dto';

/** Audit search: filters over a time window, newest first, keyset-paginated by (time, id). */
@Injectable()
export class AuditEventsService {
  constructor(private readonly events: AuditEventsRepository) {}

  async search(query: AuditSearchQueryDto): Promise<AuditEventPageDto> {
    const { limit, cursor, ...rest } = query;
    const filter = resolveWindow(rest, DEFAULT_SEARCH_SPAN_MS);
    const after = cursor ? decodeAuditCursor(cursor) : undefined;
    const rows = await this.events.page(filter, limit + 1, after);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(rowToAuditEventDto),
      nextCursor: rows.length > limit && last ? encodeAuditCursor(last) : null,
      from: filter.from.toISOString(),
      to: filter.to.toISOString(),
    };
  }
}
