import { ROOT_CONTEXT, trace, type SpanContext } from '@opentelemetry/api';
import { logs, SeverityNumber, type AnyValueMap } from '@opentelemetry/api-logs';
import { Writable } from 'node:stream';
import { transports, type transport } from 'winston';
import { RECORD_SPAN_CONTEXT } from './trace-context';

const SEVERITY: Readonly<Record<string, SeverityNumber>> = {
  debug: SeverityNumber.DEBUG,
  info: SeverityNumber.INFO,
  warn: SeverityNumber.WARN,
  error: SeverityNumber.ERROR,
};

/** Fields of a record that become the OTLP log record's own fields rather than attributes. */
const OWN_FIELDS: ReadonlySet<string> = new Set(['timestamp', 'level', 'message']);

/**
 * A winston transport handing each record to the OpenTelemetry Logs API (the SDK's batch processor
 * exports them over OTLP). It receives records after the logger's format, so they are exactly as
 * redacted and capped as the lines written to stdout or LOG_FILE; the span context a record was
 * written in links it to its trace. (instrumentation-winston would need the separate
 * `@opentelemetry/winston-transport` package, and winston must load after the SDK for it to patch.)
 */
export function createOtelLogTransport(scope: string): transport {
  const logger = logs.getLogger(scope);
  const sink = new Writable({
    objectMode: true,
    write(record: Record<string | symbol, unknown>, _encoding, done) {
      const attributes: AnyValueMap = {};
      for (const [key, value] of Object.entries(record)) {
        if (!OWN_FIELDS.has(key)) attributes[key] = value as AnyValueMap[string];
      }
      const span = record[RECORD_SPAN_CONTEXT] as SpanContext | undefined;
      const level = String(record['level']);
      logger.emit({
        severityNumber: SEVERITY[level] ?? SeverityNumber.UNSPECIFIED,
        severityText: level,
        body: typeof record['message'] === 'string' ? record['message'] : '',
        attributes,
        timestamp: typeof record['timestamp'] === 'string' ? new Date(record['timestamp']) : undefined,
        ...(span ? { context: trace.setSpanContext(ROOT_CONTEXT, span) } : {}),
      });
      done();
    },
  });
  return new transports.Stream({ stream: sink });
}
