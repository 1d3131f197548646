import type { AuditEventDto } from './dto/audit-event.dto';

/** CSV columns, in order; `payload` (JSON text) comes last as the widest. */
export const CSV_COLUMNS = [
  'id',
  'time',
  'type',
  'direction',
  'method',
  'sessionId',
  'projectId',
  'userId',
  'keyId',
  'server',
  'tool',
  'status',
  'durationMs',
  'errorCode',
  'traceId',
  'workerId',
  'insertedAt',
  'payload',
] as const satisfies ReadonlyArray<keyof AuditEventDto>;

const NUMERIC = new Set<string>(['durationMs', 'errorCode']);
/** Cell starts a spreadsheet would run as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** The CSV header row (RFC 4180, CRLF line ends). */
export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

/**
 * One event as a CSV row. Fields with commas, quotes, line breaks or edge spaces are quoted, quotes
 * doubled. Text cells that a spreadsheet would evaluate as a formula get a leading `'` (tool names
 * and payloads come from upstream servers and clients, so they are untrusted); numbers are left as is.
 */
export function csvRow(event: AuditEventDto): string {
  return `${CSV_COLUMNS.map((column) => csvCell(column, event[column])).join(',')}\r\n`;
}

/** One event as an NDJSON line. */
export function ndjsonLine(event: AuditEventDto): string {
  return `${JSON.stringify(event)}\n`;
}

function csvCell(column: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (!NUMERIC.has(column) && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
