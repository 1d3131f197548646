// Imported first by main.ts (and tools/first-look.ts): OpenTelemetry registers its instrumentations
// (http, express, Nest, pg, ioredis) before anything they patch is required.
import { startTelemetryFromEnv, type Telemetry } from '@bastion/observability';

/** This process's telemetry: main attaches its logger, and shuts it down last to flush. */
export const telemetry: Telemetry = startTelemetryFromEnv('bastion-api');
