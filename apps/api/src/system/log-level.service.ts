import {
  LOG_FIELDS,
  LogLevelControl,
  parseLogLevel,
  processesOf,
  type LogLevelChange,
} from '@bastion/observability';
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { Logger } from 'winston';
import { LOGGER } from '../core/api-runtime';
import type { LogLevelsDto } from './dto/log-level.dto';
import { LogLevelRepository } from './log-level.repository';

const CANNOT_PUBLISH =
  'Redis is unavailable, so the workers cannot be told; nothing was changed. Try again shortly.';
const CANNOT_READ = 'Redis is unavailable, so the workers’ level cannot be read. Try again shortly.';

/**
 * Runtime log levels: this api's own (applied at once) and the workers' (stored and published over
 * Redis; every running worker applies it, and workers started later read it at boot).
 */
@Injectable()
export class LogLevelService {
  private readonly control: LogLevelControl;

  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly repository: LogLevelRepository,
  ) {
    this.control = new LogLevelControl(logger);
  }

  async current(): Promise<LogLevelsDto> {
    const stored = await this.repository.stored('proxy').catch(() => {
      throw new ServiceUnavailableException(CANNOT_READ);
    });
    return { api: this.control.level, proxy: parseLogLevel(stored) };
  }

  /** Workers first: when Redis cannot take the change, nothing changes anywhere. */
  async set(change: LogLevelChange): Promise<LogLevelsDto> {
    const processes = processesOf(change.target);
    // A warning, so that the change itself is on record at every level but `error`.
    this.logger.warn('log level change', {
      [LOG_FIELDS.logLevel]: change.level,
      [LOG_FIELDS.target]: change.target,
      [LOG_FIELDS.previousLevel]: this.control.level,
    });
    if (processes.includes('proxy')) {
      await this.repository.publish(change).catch(() => {
        throw new ServiceUnavailableException(CANNOT_PUBLISH);
      });
    }
    if (processes.includes('api')) this.control.set(change.level);
    const proxy = processes.includes('proxy')
      ? change.level
      : parseLogLevel(await this.repository.stored('proxy').catch(() => null));
    return { api: this.control.level, proxy };
  }
}
