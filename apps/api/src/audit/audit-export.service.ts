import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'winston';
import { LOGGER } from '../core/api-runtime';
import { rowToAuditEventDto } from './audit-event.mapper';
import { AuditEventsRepository, type AuditEventRow } from './audit-events.repository';
import { csvHeader, csvRow, ndjsonLine } from './audit-export.format';
import { DEFAULT_SEARCH_SPAN_MS, resolveWindow, type AuditWindowFilter } from './audit-filter';
import type { AuditExportQueryDto } from './dto/audit-query.dto';

/** Rows read (and written) per step; memory stays at about one page whatever the total. */
export const EXPORT_PAGE_ROWS = 1_000;

const FORMATS = {
  ndjson: { contentType: 'application/x-ndjson; charset=utf-8', line: ndjsonLine, header: '' },
  csv: { contentType: 'text/csv; charset=utf-8', line: csvRow, header: csvHeader() },
} as const;

/**
 * Streams every event of a filter as NDJSON or CSV, newest first like search, however many: pages
 * of {@link EXPORT_PAGE_ROWS} read by keyset, each written only once the client has taken the one
 * before (backpressure). The window is fixed when the export starts.
 */
@Injectable()
export class AuditExportService {
  constructor(
    private readonly events: AuditEventsRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async export(query: AuditExportQueryDto, response: Response): Promise<void> {
    const { format: formatName, ...rest } = query;
    const filter = resolveWindow(rest, DEFAULT_SEARCH_SPAN_MS);
    const format = FORMATS[formatName];
    // The first page is read before anything is sent, so a database failure still gets a JSON error.
    let rows = await this.events.page(filter, EXPORT_PAGE_ROWS);
    response.status(200);
    response.setHeader('Content-Type', format.contentType);
    response.setHeader('Content-Disposition', `attachment; filename="${fileName(filter, formatName)}"`);
    response.setHeader('Cache-Control', 'no-store');
    try {
      if (format.header && !(await write(response, format.header))) return;
      for (;;) {
        if (!(await write(response, rows.map((row) => format.line(rowToAuditEventDto(row))).join(''))))
          return;
        const last: AuditEventRow | undefined = rows.at(-1);
        if (rows.length < EXPORT_PAGE_ROWS || !last) break;
        rows = await this.events.page(filter, EXPORT_PAGE_ROWS, { time: last.time, id: last.id });
      }
      response.end();
    } catch (error) {
      // Headers are gone: cutting the connection is the only way left to tell the client.
      this.logger.error('audit export failed midway', { error });
      response.destroy();
    }
  }
}

/** Writes a chunk; waits while the client is behind. False once the client has gone. */
async function write(response: Response, chunk: string): Promise<boolean> {
  if (response.destroyed) return false;
  if (chunk && !response.write(chunk)) {
    await drainedOrClosed(response);
  }
  return !response.destroyed;
}

function drainedOrClosed(response: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

function fileName(filter: AuditWindowFilter, format: string): string {
  const stamp = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  return `audit-events-${stamp(filter.from)}-${stamp(filter.to)}.${format}`;
}
