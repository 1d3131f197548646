import type { LogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { IMetricReader } from '@opentelemetry/sdk-metrics';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { SdkModules } from './telemetry-sdk.modules';

/**
 * Bounds of the export path, so that a slow or missing collector costs memory that is capped and
 * never serving time: spans and log records queue up to a limit (beyond it they are dropped, not
 * waited for), each export request gives up after its timeout, and only a couple are in flight.
 */
export const EXPORT_LIMITS = {
  /** One OTLP request, retries included (the exporter retries refused connections with backoff). */
  requestTimeoutMs: 5_000,
  /** A batch export as a whole; longer than one request so the exporter's own timeout fires first. */
  batchTimeoutMs: 10_000,
  /** Spans or log records held while the collector is slow; more are dropped. */
  maxQueueSize: 2_048,
  maxExportBatchSize: 512,
  /** Export requests in flight per signal. */
  concurrencyLimit: 2,
  metricIntervalMs: 60_000,
} as const;

/** The OTLP/HTTP (JSON) processors and readers for one collector. */
export interface ExportPipeline {
  spanProcessors: SpanProcessor[];
  logRecordProcessors: LogRecordProcessor[];
  metricReaders: IMetricReader[];
}

type Signal = 'traces' | 'metrics' | 'logs';

/** `<endpoint>/v1/<signal>`, as OTEL_EXPORTER_OTLP_ENDPOINT is defined (a base URL). */
export function signalUrl(endpoint: string, signal: Signal): string {
  return new URL(`v1/${signal}`, endpoint.endsWith('/') ? endpoint : `${endpoint}/`).href;
}

/** Exporters for traces, metrics and logs to `endpoint`, each bounded by {@link EXPORT_LIMITS}. */
export function createExportPipeline(endpoint: string, sdk: SdkModules): ExportPipeline {
  const http = (signal: Signal) => ({
    url: signalUrl(endpoint, signal),
    timeoutMillis: EXPORT_LIMITS.requestTimeoutMs,
    concurrencyLimit: EXPORT_LIMITS.concurrencyLimit,
  });
  const batch = {
    maxQueueSize: EXPORT_LIMITS.maxQueueSize,
    maxExportBatchSize: EXPORT_LIMITS.maxExportBatchSize,
    exportTimeoutMillis: EXPORT_LIMITS.batchTimeoutMs,
  };
  const spans = new sdk.traceExporter.OTLPTraceExporter(http('traces'));
  const logs = new sdk.logsExporter.OTLPLogExporter(http('logs'));
  const metrics = new sdk.metricsExporter.OTLPMetricExporter(http('metrics'));
  return {
    spanProcessors: [new sdk.sdkTrace.BatchSpanProcessor(spans, batch)],
    // sdk-logs 0.22x takes the exporter inside the options object (positionally it fails at export).
    logRecordProcessors: [new sdk.sdkLogs.BatchLogRecordProcessor({ exporter: logs, ...batch })],
    metricReaders: [
      new sdk.sdkMetrics.PeriodicExportingMetricReader({
        exporter: metrics,
        exportIntervalMillis: EXPORT_LIMITS.metricIntervalMs,
        exportTimeoutMillis: EXPORT_LIMITS.batchTimeoutMs,
      }),
    ],
  };
}
