import { createLogger, transports, type Logger } from 'winston';
import { capturePayload } from './log-capture';
import { resolveLogDestination } from './log-destination';
import { recordFormat } from './log-format';
import type { LogLevel } from './log-levels';

/** Options for {@link createAppLogger}; filled from AppConfig by each app's composition root. */
export interface LoggerOptions {
  service: 'api' | 'proxy' | 'stdio';
  level: LogLevel;
  /** A file to append to (LOG_FILE; its directory must exist), `stderr`, or undefined for stdout. */
  file?: string | undefined;
  /** stdio mode must never write to stdout: it carries the protocol. Implied by service `stdio`. */
  forbidStdout?: boolean;
  /** Replace the process's streams (tests). */
  streams?: { stdout?: NodeJS.WritableStream; stderr?: NodeJS.WritableStream };
}

/** A winston logger with {@link AppLogger.capture}. */
export interface AppLogger extends Logger {
  /**
   * Logs `message` at `level` with `payload` attached only while payload capture is on (the logger runs
   * at debug), redacted and size-capped. See {@link capturePayload}.
   */
  capture(level: LogLevel, message: string, payload: unknown, fields?: Record<string, unknown>): void;
}

/**
 * A winston logger writing one JSON record per line, where every record passes both redaction layers
 * (sensitive keys and headers, then secret shapes in every string), has its control characters
 * neutralized and its size capped before any transport sees it. Destination: LOG_FILE (appended),
 * `stderr`, or stdout — never stdout for the stdio bridge. Throws LogFileError when LOG_FILE is unusable.
 */
export function createAppLogger(options: LoggerOptions): AppLogger {
  const destination = resolveLogDestination({
    file: options.file,
    forbidStdout: options.forbidStdout ?? options.service === 'stdio',
    stdout: options.streams?.stdout,
    stderr: options.streams?.stderr,
  });
  const holder: { logger?: Logger } = {};
  const logger = createLogger({
    level: options.level,
    defaultMeta: { service: `bastion-${options.service}` },
    format: recordFormat({ stacks: () => holder.logger?.isLevelEnabled('debug') ?? false }),
    transports: [new transports.Stream({ stream: destination.stream })],
  });
  holder.logger = logger;
  // A LOG_FILE descriptor is this logger's own: close it with the logger (the standard streams stay).
  if (destination.kind === 'file') logger.once('finish', () => destination.stream.end());
  return Object.assign(logger, {
    capture(
      this: Logger,
      level: LogLevel,
      message: string,
      payload: unknown,
      fields?: Record<string, unknown>,
    ): void {
      capturePayload(this, level, message, payload, fields);
    },
  });
}
