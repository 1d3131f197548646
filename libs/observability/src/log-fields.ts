import type { Logger } from 'winston';

/** Names of structured log fields, shared by both apps so dashboards can rely on them. */
export const LOG_FIELDS = {
  requestId: 'request_id',
  sessionId: 'session_id',
  projectId: 'project_id',
  userId: 'user_id',
  keyId: 'key_id',
  server: 'server',
  tool: 'tool',
  method: 'method',
  durationMs: 'duration_ms',
  success: 'success',
  error: 'error',
  errorType: 'error_type',
  statusCode: 'status_code',
  path: 'path',
  traceId: 'trace_id',
  spanId: 'span_id',
  service: 'service',
  target: 'target',
  logLevel: 'log_level',
  previousLevel: 'previous_level',
  source: 'source',
  payload: 'payload',
  payloadBytes: 'payload_bytes',
  payloadTruncated: 'payload_truncated',
  truncated: 'truncated',
  repeatsSuppressed: 'repeats_suppressed',
} as const;

/** One of {@link LOG_FIELDS}' values. */
export type LogFieldName = (typeof LOG_FIELDS)[keyof typeof LOG_FIELDS];

/**
 * Who and what a log line is about. `sessionId` is the session's internal id (`sid`), never the
 * `Mcp-Session-Id` header (a bearer-equivalent sealed token); `keyId` is the key's id, never the key.
 */
export interface LogContext {
  requestId?: string | undefined;
  sessionId?: string | undefined;
  projectId?: string | undefined;
  userId?: string | undefined;
  keyId?: string | undefined;
  server?: string | undefined;
  tool?: string | undefined;
  method?: string | undefined;
  traceId?: string | undefined;
  spanId?: string | undefined;
}

const CONTEXT_FIELD_NAMES: Readonly<Record<keyof LogContext, LogFieldName>> = {
  requestId: LOG_FIELDS.requestId,
  sessionId: LOG_FIELDS.sessionId,
  projectId: LOG_FIELDS.projectId,
  userId: LOG_FIELDS.userId,
  keyId: LOG_FIELDS.keyId,
  server: LOG_FIELDS.server,
  tool: LOG_FIELDS.tool,
  method: LOG_FIELDS.method,
  traceId: LOG_FIELDS.traceId,
  spanId: LOG_FIELDS.spanId,
};

/**
 * Field names written by Bastion's own code with identifiers, never secrets. The structural redactor
 * does not mask them by name (`session_id` would otherwise read as a session token); their values are
 * still content-scanned like every string.
 */
export const CONTEXT_FIELDS: ReadonlySet<string> = new Set<string>(Object.values(CONTEXT_FIELD_NAMES));

/** The context as log fields under their {@link LOG_FIELDS} names; unset entries are left out. */
export function logContextFields(context: LogContext): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, name] of Object.entries(CONTEXT_FIELD_NAMES) as Array<[keyof LogContext, LogFieldName]>) {
    const value = context[key];
    if (value !== undefined && value !== '') fields[name] = value;
  }
  return fields;
}

/** A child logger whose every line carries the context fields. */
export function childLogger(logger: Logger, context: LogContext): Logger {
  return logger.child(logContextFields(context));
}

/** How an operation ended, as log fields: `duration_ms`, `success`, and `error`/`error_type` on failure. */
export function outcomeFields(outcome: {
  durationMs?: number;
  success: boolean;
  error?: unknown;
}): Record<string, unknown> {
  const fields: Record<string, unknown> = { [LOG_FIELDS.success]: outcome.success };
  if (outcome.durationMs !== undefined) fields[LOG_FIELDS.durationMs] = Math.round(outcome.durationMs);
  if (outcome.error !== undefined) Object.assign(fields, errorFields(outcome.error));
  return fields;
}

/** `error` (the message) and `error_type` (the class name or code) of a thrown value. */
export function errorFields(error: unknown): Record<string, string> {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      [LOG_FIELDS.error]: error.message,
      [LOG_FIELDS.errorType]: typeof code === 'string' ? code : error.name,
    };
  }
  return { [LOG_FIELDS.error]: String(error), [LOG_FIELDS.errorType]: typeof error };
}
