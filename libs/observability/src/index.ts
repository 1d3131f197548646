export { LOG_FIELDS } from './log-fields';
export { redactValue, scrubText } from './log-redaction';
export { createAppLogger, type LoggerOptions } from './logger.factory';
export { METRIC_NAMES, createConfigVersionGauge, createMetricsRegistry } from './metrics.registry';
export { NestLoggerAdapter } from './nest-logger.adapter';
