import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const optional = <T extends z.ZodType>(schema: T, what: string) => schema.nullable().describe(what);

/** An audit event as the API returns it (search, live tail, NDJSON export). */
export const auditEventDtoSchema = z.object({
  id: z.uuid().describe('Event id, chosen by the worker that recorded it.'),
  time: z.iso.datetime().describe('When it happened (ISO 8601).'),
  type: z
    .string()
    .describe(
      'What happened: session.start, session.end, request, response, error, guardrail, tool.held, auth.failure, config.change.',
    ),
  direction: optional(z.string(), '`inbound` (client → upstream) or `outbound` (upstream → client).'),
  method: optional(z.string(), 'MCP method, e.g. `tools/call`.'),
  sessionId: optional(z.string(), 'MCP session id.'),
  projectId: optional(z.uuid(), 'Project.'),
  userId: optional(z.uuid(), 'User.'),
  keyId: optional(z.uuid(), 'Gateway key.'),
  server: optional(z.string(), 'Upstream server name.'),
  tool: optional(z.string(), 'Tool name (without the `<server>__` prefix).'),
  status: optional(z.string(), '`ok`, `error`, `blocked` (guardrail) or `denied` (authorization).'),
  durationMs: optional(z.number(), 'How long it took, in milliseconds.'),
  errorCode: optional(z.number().int(), 'JSON-RPC error code, e.g. -32011 for an upstream timeout.'),
  payload: z
    .unknown()
    .nullable()
    .describe('Redacted detail (arguments, result summary, error, findings), at most 16 KiB of JSON.'),
  traceId: optional(z.string(), 'OpenTelemetry trace id.'),
  workerId: optional(z.string(), 'The worker that recorded it.'),
  insertedAt: z.iso.datetime().describe('When the api stored it.'),
});

export type AuditEventDto = z.infer<typeof auditEventDtoSchema>;

export class AuditEventPageDto extends createZodDto(
  z.object({
    items: z.array(auditEventDtoSchema).describe('The events on this page, newest first.'),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` (with the same filters) for the next page; null on the last page.'),
    from: z.iso.datetime().describe('Start of the window searched.'),
    to: z.iso.datetime().describe('End of the window searched.'),
  }),
) {}
