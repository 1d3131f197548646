import type { Logger } from 'winston';
import { LOG_FIELDS } from './log-fields';
import {
  LOG_LEVELS,
  parseLogLevel,
  parseLogLevelChange,
  processesOf,
  type LogLevel,
  type LogLevelProcess,
} from './log-levels';

function isLoggerList(loggers: Logger | readonly Logger[]): loggers is readonly Logger[] {
  return Array.isArray(loggers);
}

type LevelListener = (level: LogLevel, previous: LogLevel) => void;

/**
 * The level of one process's loggers (the api's, or a proxy worker's), changeable at runtime. Child
 * loggers follow their parent, so setting the level of the root loggers changes every line at once.
 */
export class LogLevelControl {
  private readonly loggers = new Set<Logger>();
  private readonly listeners = new Set<LevelListener>();
  private current: LogLevel;

  constructor(loggers: Logger | readonly Logger[], initial?: LogLevel) {
    const list: readonly Logger[] = isLoggerList(loggers) ? loggers : [loggers];
    this.current = initial ?? parseLogLevel(list[0]?.level) ?? 'info';
    for (const logger of list) this.attach(logger);
  }

  get level(): LogLevel {
    return this.current;
  }

  /** Also governs this logger from now on (it takes the current level). */
  attach(logger: Logger): void {
    this.loggers.add(logger);
    logger.level = this.current;
  }

  /** Applies a level to every attached logger; returns whether it changed. */
  set(level: LogLevel): boolean {
    const previous = this.current;
    if (level === previous) return false;
    this.current = level;
    for (const logger of this.loggers) logger.level = level;
    for (const listener of this.listeners) listener(level, previous);
    return true;
  }

  /** Called after every change; returns the function that stops it. */
  onChange(listener: LevelListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Where a process learns about level changes: the stored level and the change channel. */
export interface LogLevelFeed {
  /** The level last published for this kind of process (null: none, keep LOG_LEVEL). */
  read(): Promise<string | null>;
  /** Subscribes to the change channel; the listener gets each message's raw text. */
  listen(listener: (message: string) => void): Promise<unknown>;
  /**
   * Calls `listener` whenever the subscription's connection is (re)established, so the stored level is
   * read again: a worker whose Redis was not up yet at boot, or that missed changes during an outage,
   * catches up.
   */
  onReconnect?(listener: () => void): void;
}

/** Delays between attempts to read the stored level (the connections may still be coming up). */
const READ_RETRY_MS: readonly number[] = [200, 500, 1000, 2000, 5000];

/**
 * Keeps a process's level in step with the control plane: subscribes to changes first, then applies
 * the stored level (set before every publish, so nothing published meanwhile is missed), again on
 * every reconnection. A failed read is retried a few times. Changes for another kind of process are
 * ignored, malformed messages are logged and dropped. Never rejects; resolves after the first read.
 */
export async function followLogLevel(
  control: LogLevelControl,
  kind: LogLevelProcess,
  feed: LogLevelFeed,
  logger: Logger,
): Promise<void> {
  const apply = (level: LogLevel, source: 'stored' | 'published') => {
    const previous = control.level;
    if (level === previous) return;
    const note = () =>
      logger.info('log level changed', {
        [LOG_FIELDS.logLevel]: level,
        [LOG_FIELDS.previousLevel]: previous,
        [LOG_FIELDS.source]: source,
      });
    // Noted at whichever of the two levels is more verbose, so that the change itself shows.
    const louder = LOG_LEVELS.indexOf(level) < LOG_LEVELS.indexOf(previous);
    if (!louder) note();
    control.set(level);
    if (louder) note();
  };
  const readStored = async (attempt: number): Promise<void> => {
    try {
      const stored = await feed.read();
      if (stored === null) return;
      const level = parseLogLevel(stored);
      if (level) apply(level, 'stored');
      else logger.warn('ignored a malformed stored log level');
    } catch (error) {
      const delay = READ_RETRY_MS[attempt];
      if (delay === undefined) return void logger.warn('cannot read the stored log level', { error });
      setTimeout(() => void readStored(attempt + 1), delay).unref();
    }
  };
  try {
    await feed.listen((message) => {
      const change = parseLogLevelChange(message);
      if (!change) return void logger.warn('ignored a malformed log-level change');
      if (processesOf(change.target).includes(kind)) apply(change.level, 'published');
    });
  } catch (error) {
    logger.warn('cannot subscribe to log-level changes', { error });
  }
  feed.onReconnect?.(() => void readStored(0));
  await readStored(0);
}
