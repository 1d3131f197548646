import { context, diag, DiagLogLevel, metrics, propagation, trace } from '@opentelemetry/api';
import { logs } from '@opentelemetry/api-logs';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'winston';
import type { LogLevel } from '../log-levels';
import { DiagLogRoute } from './diag-log.route';
import { telemetryInstrumentations } from './instrumentations.config';
import { createOtelLogTransport } from './otel-log.transport';
import { ATTR_SERVICE_INSTANCE_ID } from './span-names';
import { createExportPipeline } from './telemetry-exporters.factory';
import { loadSdkModules, type SdkModules } from './telemetry-sdk.modules';

/**
 * How long {@link Telemetry.shutdown} waits for the last export by default: a working collector takes
 * milliseconds; an unreachable one would otherwise hold the exit for the exporter's retries.
 */
export const TELEMETRY_SHUTDOWN_TIMEOUT_MS = 2_000;

/** Caps on what one span may carry, so a span's export size is bounded whatever code sets on it. */
const SPAN_LIMITS = {
  attributeCountLimit: 64,
  attributeValueLengthLimit: 1_024,
  eventCountLimit: 32,
  linkCountLimit: 8,
};

/** Options of {@link startTelemetry}; each app fills them from its AppConfig. */
export interface TelemetryOptions {
  serviceName: 'bastion-api' | 'bastion-proxy';
  serviceVersion: string;
  /** OTEL_EXPORTER_OTLP_ENDPOINT. Without it nothing starts: no SDK, no patching, no network. */
  otlpEndpoint?: string | undefined;
  /** The app's log level: OpenTelemetry's own diagnostics are logged at warn (or error at `error`). */
  logLevel: LogLevel;
  /** `service.instance.id`; a random UUID by default. */
  instanceId?: string;
  /** Register the auto-instrumentations (default true; unit tests leave modules unpatched). */
  instrument?: boolean;
}

/** A started (or disabled) telemetry pipeline. */
export interface Telemetry {
  /** True when an OTLP endpoint is configured and the SDK runs. */
  readonly enabled: boolean;
  /**
   * Routes OpenTelemetry's diagnostics into `logger` (the first one attached; held until then) and,
   * while export is on, ships the logger's records as OTLP logs. No-op when disabled.
   */
  attachLogger(logger: Logger): void;
  /**
   * Flushes what is queued and stops the exporters, waiting at most `timeoutMs`; never rejects.
   * Afterwards the OpenTelemetry API is back to its no-op state.
   */
  shutdown(timeoutMs?: number): Promise<void>;
}

const DISABLED: Telemetry = {
  enabled: false,
  attachLogger: () => undefined,
  shutdown: () => Promise.resolve(),
};

/**
 * Starts OpenTelemetry for one process: the NodeSDK with auto-instrumentations (see
 * INSTRUMENTATION_CONFIG) and OTLP/HTTP exporters for traces, metrics and logs to `otlpEndpoint`,
 * bounded so that a slow or missing collector never slows serving (EXPORT_LIMITS); the resource
 * names the service, its version and this instance. Call it before anything instrumented is
 * required (each app's `instrument.ts`, imported first by its main). Without an endpoint it starts
 * nothing and the OpenTelemetry API stays a no-op.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  const endpoint = options.otlpEndpoint;
  if (!endpoint) return DISABLED;
  const route = new DiagLogRoute();
  diag.setLogger(route, {
    logLevel: options.logLevel === 'error' ? DiagLogLevel.ERROR : DiagLogLevel.WARN,
    suppressOverrideMessage: true,
  });
  const modules = loadSdkModules();
  const instrumentations = options.instrument === false ? [] : telemetryInstrumentations(modules);
  const sdk = withoutConsoleDiagnostics(() => createSdk(options, endpoint, modules, instrumentations));
  sdk.start();
  let stopping: Promise<void> | undefined;
  return {
    enabled: true,
    attachLogger(logger) {
      route.attach(logger);
      logger.add(createOtelLogTransport(options.serviceName));
    },
    shutdown(timeoutMs = TELEMETRY_SHUTDOWN_TIMEOUT_MS) {
      stopping ??= stop(sdk, timeoutMs);
      return stopping;
    },
  };
}

/**
 * Builds the SDK with OTEL_LOG_LEVEL out of its sight: given that variable, NodeSDK's constructor
 * installs a console diagnostics logger (OpenTelemetry's API keeps the console methods it found at
 * load time) and at once logs through it — console.debug is stdout. Bastion's diagnostics go through
 * its logger whatever the variable says. The constructor is synchronous: nothing else runs while the
 * variable is hidden.
 */
function withoutConsoleDiagnostics<T>(build: () => T): T {
  const env = process.env;
  const level = env['OTEL_LOG_LEVEL'];
  delete env['OTEL_LOG_LEVEL'];
  try {
    return build();
  } finally {
    if (level !== undefined) env['OTEL_LOG_LEVEL'] = level;
  }
}

function createSdk(
  options: TelemetryOptions,
  endpoint: string,
  sdk: SdkModules,
  instrumentations: ReturnType<typeof telemetryInstrumentations>,
): NodeSDK {
  const { resources, semconv } = sdk;
  return new sdk.sdkNode.NodeSDK({
    resource: resources.defaultResource().merge(
      resources.resourceFromAttributes({
        [semconv.ATTR_SERVICE_NAME]: options.serviceName,
        [semconv.ATTR_SERVICE_VERSION]: options.serviceVersion,
        [ATTR_SERVICE_INSTANCE_ID]: options.instanceId ?? randomUUID(),
      }),
    ),
    // OTEL_RESOURCE_ATTRIBUTES / OTEL_SERVICE_NAME only: the process detector would export the
    // command line, which may carry a secret.
    resourceDetectors: [resources.envDetector],
    ...createExportPipeline(endpoint, sdk),
    instrumentations: [instrumentations],
    spanLimits: SPAN_LIMITS,
  });
}

async function stop(sdk: NodeSDK, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    timer.unref();
  });
  const flushed = sdk.shutdown().then(
    () => 'done' as const,
    (error: unknown) => {
      diag.warn('telemetry shutdown failed', error);
      return 'failed' as const;
    },
  );
  if ((await Promise.race([flushed, deadline])) === 'timeout') {
    diag.warn(`telemetry not flushed within ${timeoutMs} ms; the rest is dropped`);
  }
  clearTimeout(timer);
  for (const api of [trace, context, propagation, metrics, logs, diag]) api.disable();
}
