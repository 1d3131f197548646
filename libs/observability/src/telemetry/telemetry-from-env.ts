import { BASTION_VERSION, loadConfig, type AppConfig } from '@bastion/config';
import { startTelemetry, type Telemetry, type TelemetryOptions } from './telemetry.factory';

function configOrNull(env: NodeJS.ProcessEnv): AppConfig | null {
  try {
    return loadConfig(env);
  } catch {
    return null; // main() reports every bad variable; telemetry just stays off
  }
}

/**
 * Telemetry for one Bastion process, configured from its environment: what each app's `instrument.ts`
 * starts before anything OpenTelemetry patches is required. Without OTEL_EXPORTER_OTLP_ENDPOINT (or with a
 * configuration main() will refuse) it starts nothing at all.
 */
export function startTelemetryFromEnv(
  serviceName: TelemetryOptions['serviceName'],
  env: NodeJS.ProcessEnv = process.env,
): Telemetry {
  const config = configOrNull(env);
  return startTelemetry({
    serviceName,
    serviceVersion: BASTION_VERSION,
    otlpEndpoint: config?.telemetry.otlpEndpoint,
    logLevel: config?.log.level ?? 'info',
  });
}
