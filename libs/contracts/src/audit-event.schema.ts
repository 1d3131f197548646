import { z } from 'zod';

/** BullMQ queue on which proxy workers send batches of audit events to the api. */
export const AUDIT_QUEUE = 'audit-events';

/** Name of the job carrying one {@link AuditBatch} on {@link AUDIT_QUEUE}. */
export const AUDIT_BATCH_JOB = 'batch';

/** Largest payload kept with an event, as serialized JSON (UTF-8 bytes). */
export const AUDIT_PAYLOAD_MAX_BYTES = 16 * 1024;

/** What happened. */
export const AUDIT_EVENT_TYPES = [
  'session.start',
  'session.end',
  'request',
  'response',
  'error',
  'guardrail',
  'tool.held',
  'auth.failure',
  'config.change',
] as const;

/** How it ended: `blocked` by a guardrail, `denied` by authorization (key, allow/deny lists, pins). */
export const AUDIT_STATUSES = ['ok', 'error', 'blocked', 'denied'] as const;

/** `inbound`: client → gateway → upstream; `outbound`: upstream → gateway → client. */
export const AUDIT_DIRECTIONS = ['inbound', 'outbound'] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

const text = (max: number) => z.string().min(1).max(max);

/**
 * One audit event, as a worker records it and the api stores it. The payload is redacted and capped
 * by the producer ({@link capAuditPayload}); the api caps it again on ingest. Unknown fields are
 * stripped, so newer workers can send more than an older api knows.
 */
export const auditEventSchema = z.object({
  /** Unique id chosen by the producer (a UUID); storing the same id twice keeps the first. */
  id: z.uuid(),
  /** When it happened (ISO 8601). */
  time: z.iso.datetime({ offset: true }),
  type: z.enum(AUDIT_EVENT_TYPES),
  direction: z.enum(AUDIT_DIRECTIONS).optional(),
  /** MCP method, e.g. `tools/call`. */
  method: text(200).optional(),
  /** MCP session id (`Mcp-Session-Id`). */
  sessionId: text(512).optional(),
  projectId: z.uuid().optional(),
  userId: z.uuid().optional(),
  /** Gateway key the client used. */
  keyId: z.uuid().optional(),
  /** Upstream server name. */
  server: text(200).optional(),
  /** Upstream tool name (without the `<server>__` prefix). */
  tool: text(200).optional(),
  status: z.enum(AUDIT_STATUSES).optional(),
  durationMs: z.number().finite().min(0).optional(),
  /** JSON-RPC error code (e.g. -32011 for an upstream timeout). */
  errorCode: z.number().int().min(-2_147_483_648).max(2_147_483_647).optional(),
  /** Redacted, size-capped detail: arguments, result summary, error message, guardrail findings... */
  payload: z.unknown().optional(),
  /** OpenTelemetry trace id (32 hex characters). */
  traceId: text(64).optional(),
  /** The worker that recorded it (e.g. its hostname). */
  workerId: text(200).optional(),
});

/** A valid audit event. */
export type AuditEvent = z.infer<typeof auditEventSchema>;

/**
 * The data of one {@link AUDIT_BATCH_JOB} job. Events are checked one by one on receipt, so one bad
 * event never costs its batch.
 */
export interface AuditBatch {
  events: AuditEvent[];
}

/** The shape of a batch job as received, before its events are checked. */
export const auditBatchSchema = z.object({ events: z.array(z.unknown()) });

/**
 * Keeps a payload within {@link AUDIT_PAYLOAD_MAX_BYTES} of JSON. A payload that fits is returned as
 * is; a larger one is replaced by `{ truncated: true, originalBytes, preview }`, where `preview` is the
 * start of its JSON text, so the event is kept and says what it lost. Pure: used by the producer and
 * again by the api on ingest.
 */
export function capAuditPayload(payload: unknown, maxBytes = AUDIT_PAYLOAD_MAX_BYTES): unknown {
  if (payload === undefined || payload === null) return payload;
  const json = safeJson(payload);
  if (json === undefined) return { truncated: true, originalBytes: 0, preview: '' };
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes <= maxBytes) return payload;
  const envelope = { truncated: true, originalBytes: bytes, preview: '' };
  const room = maxBytes - Buffer.byteLength(JSON.stringify(envelope), 'utf8');
  envelope.preview = previewWithin(json, room);
  return envelope;
}

/** The longest prefix of `json` whose JSON-escaped form fits in `room` bytes. */
function previewWithin(json: string, room: number): string {
  if (room <= 0) return '';
  let low = 0;
  let high = Math.min(json.length, room);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (Buffer.byteLength(JSON.stringify(cut(json, mid)), 'utf8') - 2 <= room) low = mid;
    else high = mid - 1;
  }
  return cut(json, low);
}

/** `text.slice(0, end)` without splitting a surrogate pair. */
function cut(text: string, end: number): string {
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? text.slice(0, end - 1) : text.slice(0, end);
}

function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined; // cycles or BigInt: nothing JSON can keep
  }
}
