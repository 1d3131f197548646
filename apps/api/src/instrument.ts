// Imported first by main.ts (and tools/first-look.ts): OpenTelemetry registers its instrumentations
// (http, express, Nest, pg, ioredis) before anything they patch is required. Without
// OTEL_EXPORTER_OTLP_ENDPOINT it starts nothing at all.
import { loadConfig, type AppConfig } from '@bastion/config';
import { startTelemetry, type Telemetry } from '@bastion/observability';
import { BASTION_VERSION } from './system/bastion-version';

function configOrNull(): AppConfig | null {
  try {
    return loadConfig(process.env);
  } catch {
    return null; // main() reports every bad variable; telemetry just stays off
  }
}

const config = configOrNull();

/** This process's telemetry: main attaches its logger, and shuts it down last to flush. */
export const telemetry: Telemetry = startTelemetry({
  serviceName: 'bastion-api',
  serviceVersion: BASTION_VERSION,
  otlpEndpoint: config?.telemetry.otlpEndpoint,
  logLevel: config?.log.level ?? 'info',
});
