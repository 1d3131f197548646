import type * as AutoInstrumentations from '@opentelemetry/auto-instrumentations-node';
import type * as LogsExporter from '@opentelemetry/exporter-logs-otlp-http';
import type * as MetricsExporter from '@opentelemetry/exporter-metrics-otlp-http';
import type * as TraceExporter from '@opentelemetry/exporter-trace-otlp-http';
import type * as Resources from '@opentelemetry/resources';
import type * as SdkLogs from '@opentelemetry/sdk-logs';
import type * as SdkMetrics from '@opentelemetry/sdk-metrics';
import type * as SdkNode from '@opentelemetry/sdk-node';
import type * as SdkTrace from '@opentelemetry/sdk-trace-base';
import type * as SemanticConventions from '@opentelemetry/semantic-conventions';

/** The OpenTelemetry SDK packages {@link startTelemetry} needs once an endpoint is configured. */
export interface SdkModules {
  auto: typeof AutoInstrumentations;
  logsExporter: typeof LogsExporter;
  metricsExporter: typeof MetricsExporter;
  traceExporter: typeof TraceExporter;
  resources: typeof Resources;
  sdkLogs: typeof SdkLogs;
  sdkMetrics: typeof SdkMetrics;
  sdkNode: typeof SdkNode;
  sdkTrace: typeof SdkTrace;
  semconv: typeof SemanticConventions;
}

/**
 * Loads the SDK packages. Requiring them takes about 0.6 s (sdk-node alone ~0.5 s), which a process
 * without a collector must not pay, so nothing here is imported at the top of a module. The require
 * is synchronous on purpose: the instrumentations must be registered before the app's own imports
 * (http, pg, ioredis) run, and instrument.ts is imported, not awaited.
 */
export function loadSdkModules(): SdkModules {
  /* eslint-disable @typescript-eslint/no-require-imports -- lazy and synchronous, see above */
  return {
    auto: require('@opentelemetry/auto-instrumentations-node') as typeof AutoInstrumentations,
    logsExporter: require('@opentelemetry/exporter-logs-otlp-http') as typeof LogsExporter,
    metricsExporter: require('@opentelemetry/exporter-metrics-otlp-http') as typeof MetricsExporter,
    traceExporter: require('@opentelemetry/exporter-trace-otlp-http') as typeof TraceExporter,
    resources: require('@opentelemetry/resources') as typeof Resources,
    sdkLogs: require('@opentelemetry/sdk-logs') as typeof SdkLogs,
    sdkMetrics: require('@opentelemetry/sdk-metrics') as typeof SdkMetrics,
    sdkNode: require('@opentelemetry/sdk-node') as typeof SdkNode,
    sdkTrace: require('@opentelemetry/sdk-trace-base') as typeof SdkTrace,
    semconv: require('@opentelemetry/semantic-conventions') as typeof SemanticConventions,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}
