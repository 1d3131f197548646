import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'winston';
import { LOG_FIELDS } from './log-fields';

function text(message: unknown): string {
  return message instanceof Error ? message.message : String(message);
}

function errorOf(message: unknown): Record<string, unknown> {
  return message instanceof Error ? { [LOG_FIELDS.error]: message } : {};
}

/**
 * Routes Nest's own log calls into the app's winston logger (so they are redacted like every line);
 * its chatty start-up lines go to debug. Nest's `trace` argument is a stack: kept only at debug.
 */
export class NestLoggerAdapter implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.debug(text(message), { context, ...errorOf(message) });
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error(text(message), { context, stack: trace, ...errorOf(message) });
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn(text(message), { context, ...errorOf(message) });
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug(text(message), { context });
  }

  verbose(message: unknown, context?: string): void {
    this.logger.debug(text(message), { context });
  }
}
