import { createLogger, format, transports, type Logger } from 'winston';
import { redactValue } from './log-redaction';

/** Options for {@link createAppLogger}; filled from AppConfig by each app's composition root. */
export interface LoggerOptions {
  service: 'api' | 'proxy' | 'stdio';
  level: 'debug' | 'info' | 'warn' | 'error';
  /** A file to append to, `stderr`, or undefined for stdout. */
  file?: string | undefined;
  /** stdio mode must never write to stdout: it carries the protocol. */
  forbidStdout?: boolean;
}

const redact = format((info) => {
  for (const key of Object.keys(info)) {
    if (key !== 'level' && key !== 'timestamp') info[key] = redactValue(info[key]);
  }
  return info;
});

function pickTransport(options: LoggerOptions) {
  if (options.file && options.file !== 'stderr') return new transports.File({ filename: options.file });
  if (options.file === 'stderr' || options.forbidStdout) {
    return new transports.Console({ stderrLevels: ['debug', 'info', 'warn', 'error'] });
  }
  return new transports.Console();
}

/** A winston JSON logger whose every record is redacted before any transport sees it. */
export function createAppLogger(options: LoggerOptions): Logger {
  return createLogger({
    level: options.level,
    defaultMeta: { service: `bastion-${options.service}` },
    format: format.combine(redact(), format.timestamp(), format.json()),
    transports: [pickTransport(options)],
  });
}
