import { isSpanContextValid, trace, type Context, type SpanContext } from '@opentelemetry/api';

/** version-traceid-parentid-flags; later versions may append fields after a `-`. */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * The span context a W3C `traceparent` header carries, or undefined for anything invalid (all-zero
 * ids, version ff, a version-00 header with extra fields). Parsed here rather than through the global
 * propagator so that a client's trace context reaches HTTP upstreams even when no SDK is registered.
 */
export function parseTraceparent(header: string | undefined): SpanContext | undefined {
  const match = TRACEPARENT.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string?,
  ];
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  const context: SpanContext = { traceId, spanId, traceFlags: parseInt(flags, 16), isRemote: true };
  return isSpanContextValid(context) ? context : undefined;
}

/** The `traceparent` header value (version 00) naming `span` as the parent. */
export function formatTraceparent(span: SpanContext): string {
  const flags = (span.traceFlags & 0xff).toString(16).padStart(2, '0');
  return `00-${span.traceId}-${span.spanId}-${flags}`;
}

/** The active span's context when it is a real one (a recording span or a remote parent). */
export function activeSpanContext(active?: Context): SpanContext | undefined {
  const span = active === undefined ? trace.getActiveSpan() : trace.getSpan(active);
  const context = span?.spanContext();
  return context && isSpanContextValid(context) ? context : undefined;
}

/**
 * Where a log record (the object transports receive) keeps the span context it was written in: a
 * symbol, so it never reaches the JSON text, for the OpenTelemetry log transport to link the record.
 */
export const RECORD_SPAN_CONTEXT: unique symbol = Symbol('bastion.log.spanContext');
