import type { InstrumentationConfigMap } from '@opentelemetry/auto-instrumentations-node';
import type { IncomingMessage } from 'node:http';
import type { SdkModules } from './telemetry-sdk.modules';

/** Probe and scrape paths: a span per health check or scrape is noise, not insight. */
const UNTRACED_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

function isProbe(request: IncomingMessage): boolean {
  return UNTRACED_PATHS.has((request.url ?? '/').split('?')[0] ?? '/');
}

/** Command name only: arguments of Redis commands (BullMQ job data, published payloads) stay out of spans. */
function redisStatement(command: string): string {
  return command;
}

/**
 * Auto-instrumentation settings. Kept: http (server spans, trace context from clients), express and
 * nestjs-core (api routes), pg, ioredis. Off:
 * - fs, dns, net: a span per file read, lookup or socket, far more volume than value;
 * - undici (fetch): it appends a second `traceparent` to requests that already carry one — the
 *   gateway sets the upstream call span as parent itself — and it would hand trace context to
 *   third-party guardrail providers;
 * - winston: it cannot patch winston here (this library loads winston before any SDK starts) and its
 *   log shipping needs `@opentelemetry/winston-transport`; recordFormat adds `trace_id`/`span_id`
 *   itself and createOtelLogTransport ships the (redacted) records.
 * pg and ioredis record spans only inside a traced operation (no root span per outbox poll or
 * subscriber ping); Redis spans name the command, never its arguments.
 */
export const INSTRUMENTATION_CONFIG: InstrumentationConfigMap = {
  '@opentelemetry/instrumentation-fs': { enabled: false },
  '@opentelemetry/instrumentation-dns': { enabled: false },
  '@opentelemetry/instrumentation-net': { enabled: false },
  '@opentelemetry/instrumentation-undici': { enabled: false },
  '@opentelemetry/instrumentation-winston': { enabled: false },
  '@opentelemetry/instrumentation-http': {
    ignoreIncomingRequestHook: isProbe,
    requireParentforOutgoingSpans: true,
  },
  '@opentelemetry/instrumentation-pg': { requireParentSpan: true },
  '@opentelemetry/instrumentation-ioredis': {
    requireParentSpan: true,
    dbStatementSerializer: redisStatement,
  },
};

/** The instrumentations {@link startTelemetry} registers. */
export function telemetryInstrumentations(sdk: Pick<SdkModules, 'auto'>) {
  return sdk.auto.getNodeAutoInstrumentations(INSTRUMENTATION_CONFIG);
}
