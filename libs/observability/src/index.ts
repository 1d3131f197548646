export {
  CONTEXT_FIELDS,
  LOG_FIELDS,
  childLogger,
  errorFields,
  logContextFields,
  outcomeFields,
  type LogContext,
  type LogFieldName,
} from './log-fields';
export { currentLogContext, withLogContext } from './log-context';
export { MAX_CAPTURE_BYTES, capturePayload, isCapturingPayloads } from './log-capture';
export { LOG_FILE_STDERR, LogFileError, resolveLogDestination } from './log-destination';
export { MAX_RECORD_BYTES, recordFormat } from './log-format';
export { LogLevelControl, followLogLevel, type LogLevelFeed } from './log-level.control';
export {
  LOG_LEVELS,
  LOG_LEVEL_TARGETS,
  logLevelChangeSchema,
  logLevelSchema,
  parseLogLevel,
  parseLogLevelChange,
  processesOf,
  type LogLevel,
  type LogLevelChange,
  type LogLevelProcess,
  type LogLevelTarget,
} from './log-levels';
export { REDACTED, isSecretFieldName, redactFields, redactValue, scrubText } from './log-redaction';
export { MAX_STRING_CHARS, neutralizeControls } from './log-text';
export { createAppLogger, type AppLogger, type LoggerOptions } from './logger.factory';
export { METRIC_NAMES, createConfigVersionGauge, createMetricsRegistry } from './metrics.registry';
export { NestLoggerAdapter } from './nest-logger.adapter';
export {
  ATTR_SERVICE_INSTANCE_ID,
  SPAN_ATTRIBUTES,
  SPAN_NAMES,
  mcpSpanName,
  upstreamSpanName,
} from './telemetry/span-names';
export { EXPORT_LIMITS } from './telemetry/telemetry-exporters.factory';
export { startTelemetryFromEnv } from './telemetry/telemetry-from-env';
export {
  TELEMETRY_SHUTDOWN_TIMEOUT_MS,
  startTelemetry,
  type Telemetry,
  type TelemetryOptions,
} from './telemetry/telemetry.factory';
export { activeSpanContext, formatTraceparent, parseTraceparent } from './telemetry/trace-context';
