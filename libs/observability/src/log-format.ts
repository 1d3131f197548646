import { format, type Logform } from 'winston';
import { currentLogContext } from './log-context';
import { CONTEXT_FIELDS, LOG_FIELDS } from './log-fields';
import { redactFields, redactValue, scrubText } from './log-redaction';
import { RECORD_SPAN_CONTEXT, activeSpanContext } from './telemetry/trace-context';

const LEVEL = Symbol.for('level');
const MESSAGE = Symbol.for('message');

/** Largest record written, in bytes of JSON; a larger one keeps only its small fields. */
export const MAX_RECORD_BYTES = 64 * 1024;
/** In an oversized record, fields whose JSON is larger than this are dropped. */
const SMALL_FIELD_BYTES = 1024;
/** In an oversized record, the message is cut to this many characters. */
const SHRUNK_MESSAGE_CHARS = 2048;

/** Options of {@link recordFormat}. */
export interface RecordFormatOptions {
  /** Whether errors keep their (scrubbed) stack traces: true while the logger runs at debug. */
  stacks(): boolean;
  maxRecordBytes?: number;
}

type Info = Logform.TransformableInfo & Record<string | symbol, unknown>;

function messageText(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message === undefined || message === null) return '';
  if (typeof message === 'object') return JSON.stringify(redactValue(message)) ?? '';
  if (typeof message === 'number' || typeof message === 'boolean' || typeof message === 'bigint') {
    return message.toString();
  }
  return typeof message === 'symbol' ? message.toString() : '[function]';
}

/** The fields of a record, whatever winston was given (`logger.error(err)` passes the error itself). */
function sourceFields(info: Info): { level: unknown; message: unknown; fields: Record<string, unknown> } {
  if (info instanceof Error) {
    // Winston hands over the error itself, with the default meta (service) assigned onto it.
    const { level, message: _message, stack: _stack, ...own } = info as Info;
    return { level, message: info.message, fields: { ...own, [LOG_FIELDS.error]: info } };
  }
  const { level, message, ...fields } = info;
  return { level, message, fields };
}

/** Fields an oversized record keeps whatever happens. */
const ESSENTIAL_FIELDS: ReadonlySet<string> = new Set([
  'timestamp',
  'level',
  LOG_FIELDS.service,
  ...CONTEXT_FIELDS,
]);

/**
 * The small fields of an oversized record (or, if even those are too many, only the essential ones),
 * with the message cut and a note of what was dropped.
 */
function shrink(record: Record<string, unknown>, bytes: number, maxBytes: number): Record<string, unknown> {
  const keep = (small: boolean) => {
    const out: Record<string, unknown> = {};
    const dropped: string[] = [];
    for (const [key, value] of Object.entries(record)) {
      if (key === 'message') out[key] = scrubText(String(value), SHRUNK_MESSAGE_CHARS);
      else if (
        ESSENTIAL_FIELDS.has(key) ||
        (small && (JSON.stringify(value) ?? '').length <= SMALL_FIELD_BYTES)
      )
        out[key] = value;
      else dropped.push(key);
    }
    out[LOG_FIELDS.truncated] = { record_bytes: bytes, dropped_fields: dropped.slice(0, 50) };
    return out;
  };
  const smallFields = keep(true);
  return Buffer.byteLength(JSON.stringify(smallFields)) <= maxBytes ? smallFields : keep(false);
}

/**
 * The last step before any transport: one flat record per line with `timestamp`, `level`, `message`,
 * the ambient context (request id…; `trace_id` and `span_id` while a span is active), then the
 * fields — everything through both redaction layers, with control characters neutralized and sizes
 * capped. Stack traces are kept (scrubbed, on one line) only while `stacks()` is true. Transports
 * receive a fresh object: neither the caller's objects nor winston's raw `splat` arguments travel
 * further.
 */
export function recordFormat(options: RecordFormatOptions): Logform.Format {
  const maxBytes = options.maxRecordBytes ?? MAX_RECORD_BYTES;
  return format((raw) => {
    const info = raw as Info;
    const stacks = options.stacks();
    const { level, message, fields } = sourceFields(info);
    const span = activeSpanContext();
    const traced: Record<string, string> = span
      ? { [LOG_FIELDS.traceId]: span.traceId, [LOG_FIELDS.spanId]: span.spanId }
      : {};
    const { stack, ...rest } = { ...currentLogContext(), ...traced, ...fields };
    if (stacks && typeof stack === 'string') rest['stack'] = stack.replace(/\s*\r?\n\s*/g, ' | ');
    const redacted = redactFields(rest, { stacks, trustedKeys: CONTEXT_FIELDS });
    const timestamp = new Date().toISOString();
    let record: Record<string, unknown> = {
      timestamp,
      level,
      message: scrubText(messageText(message)),
      ...redacted,
    };
    record['timestamp'] = timestamp;
    record['level'] = level;
    let text = JSON.stringify(record);
    const bytes = Buffer.byteLength(text);
    if (bytes > maxBytes) {
      record = shrink(record, bytes, maxBytes);
      text = JSON.stringify(record);
    }
    const out: Logform.TransformableInfo = { ...record, level: String(level), message: record['message'] };
    out[LEVEL] = info[LEVEL];
    out[MESSAGE] = text;
    if (span) (out as Info)[RECORD_SPAN_CONTEXT] = span;
    return out;
  })();
}
