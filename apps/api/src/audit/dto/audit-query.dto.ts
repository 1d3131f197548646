import { AUDIT_EVENT_TYPES, AUDIT_STATUSES } from '@bastion/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** A comma-separated list of allowed values, e.g. `response,error`. */
const valueList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(500)
    .transform((text) =>
      text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).min(1));

const name = (what: string) => z.string().trim().min(1).max(200).optional().describe(what);

/** Filters shared by search, live tail and export. */
export const auditFilterShape = {
  projectId: z.uuid().optional().describe('Only events of this project.'),
  userId: z.uuid().optional().describe('Only events of this user.'),
  keyId: z.uuid().optional().describe('Only events made with this gateway key.'),
  sessionId: z.string().min(1).max(512).optional().describe('Only events of this MCP session.'),
  traceId: z.string().min(1).max(64).optional().describe('Only events of this OpenTelemetry trace.'),
  server: name('Only events of this upstream server (exact name).'),
  tool: name('Only events of this tool (exact name, without the `<server>__` prefix).'),
  method: name('Only events of this MCP method, e.g. `tools/call`.'),
  type: valueList(AUDIT_EVENT_TYPES)
    .optional()
    .describe(`Only these event types, comma-separated: ${AUDIT_EVENT_TYPES.join(', ')}.`),
  status: valueList(AUDIT_STATUSES)
    .optional()
    .describe(`Only these outcomes, comma-separated: ${AUDIT_STATUSES.join(', ')}.`),
  minDurationMs: z.coerce
    .number()
    .min(0)
    .optional()
    .describe('Only events that took at least this many milliseconds.'),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe(
      'Text contained (case-insensitive) in the type, method, server, tool, status, error code or payload JSON.',
    ),
};

const instant = z.iso.datetime({ offset: true });

/** A time window; `from` must be before `to`. */
const windowShape = (defaultSpan: string) => ({
  from: instant
    .optional()
    .describe(`Start of the window, inclusive (ISO 8601). Default: ${defaultSpan} before \`to\`.`),
  to: instant.optional().describe('End of the window, exclusive (ISO 8601). Default: now.'),
});

const windowInOrder = (value: { from?: string | undefined; to?: string | undefined }) =>
  !value.from || !value.to || Date.parse(value.from) < Date.parse(value.to);
const WINDOW_ORDER = { message: '`from` must be before `to`.', path: ['from'] };

export class AuditSearchQueryDto extends createZodDto(
  z
    .object({
      ...windowShape('24 hours'),
      ...auditFilterShape,
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(500)
        .default(100)
        .describe('Events per page (1–500, default 100).'),
      cursor: z.string().max(200).optional().describe('`nextCursor` from the previous page (same filters).'),
    })
    .strict()
    .refine(windowInOrder, WINDOW_ORDER),
) {}

export class AuditTailQueryDto extends createZodDto(z.object(auditFilterShape).strict()) {}

export class AuditExportQueryDto extends createZodDto(
  z
    .object({
      ...windowShape('24 hours'),
      ...auditFilterShape,
      format: z
        .enum(['ndjson', 'csv'])
        .default('ndjson')
        .describe('`ndjson`: one JSON event per line; `csv`: a header row, then one row per event.'),
    })
    .strict()
    .refine(windowInOrder, WINDOW_ORDER),
) {}

export class AuditStatsQueryDto extends createZodDto(
  z
    .object({
      ...windowShape('1 hour'),
      projectId: z.uuid().optional().describe('Only calls of this project.'),
    })
    .strict()
    .refine(windowInOrder, WINDOW_ORDER),
) {}
