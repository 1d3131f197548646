import type { DiagLogger } from '@opentelemetry/api';
import type { Logger } from 'winston';
import { LOG_FIELDS } from '../log-fields';

/** A repeated diagnostic (the same export failure every few seconds) is logged at most this often. */
export const DIAG_REPEAT_INTERVAL_MS = 5 * 60_000;
/** Diagnostics held until the app logger exists; later ones are counted and dropped. */
const MAX_EARLY = 20;
/** Distinct messages remembered for de-duplication. */
const MAX_REMEMBERED = 100;
const KEY_CHARS = 160;
const DIAG_SOURCE = 'opentelemetry';

/** `name: message` of an error; OpenTelemetry's error handler hands errors over as JSON text. */
function errorText(error: { name?: unknown; message?: unknown }): string | undefined {
  if (typeof error.message !== 'string') return undefined;
  return typeof error.name === 'string' ? `${error.name}: ${error.message}` : error.message;
}

function text(value: unknown): string {
  if (value instanceof Error) return errorText(value) ?? String(value);
  if (typeof value === 'string') {
    if (!value.startsWith('{')) return value;
    try {
      return errorText(JSON.parse(value) as Record<string, unknown>) ?? value;
    } catch {
      return value;
    }
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * OpenTelemetry's own diagnostics (a collector that cannot be reached, a dropped batch) as log lines
 * of the app's logger, at warn: never the console, never stdout (stdio mode). Before a logger is
 * attached they are held (a few); each distinct message is written once per
 * {@link DIAG_REPEAT_INTERVAL_MS}, with the number of repeats suppressed meanwhile.
 */
export class DiagLogRoute implements DiagLogger {
  private logger: Logger | undefined;
  private readonly early: string[] = [];
  private earlyDropped = 0;
  private readonly seen = new Map<string, { at: number; suppressed: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Sends diagnostics to `logger` from now on, starting with the ones held so far. */
  attach(logger: Logger): void {
    if (this.logger) return;
    this.logger = logger;
    for (const message of this.early.splice(0)) this.write(message);
    if (this.earlyDropped > 0) this.write(`${this.earlyDropped} more diagnostics before the logger existed`);
  }

  error = (message: string, ...args: unknown[]): void => this.route(message, args);
  warn = (message: string, ...args: unknown[]): void => this.route(message, args);
  // Below warn, OpenTelemetry only narrates; the API's level filter keeps these from being called.
  info = (): void => undefined;
  debug = (): void => undefined;
  verbose = (): void => undefined;

  private route(message: string, args: unknown[]): void {
    const line = [message, ...args].map(text).join(' ').trim();
    if (this.logger) return this.write(line);
    if (this.early.length < MAX_EARLY) this.early.push(line);
    else this.earlyDropped += 1;
  }

  private write(line: string): void {
    const key = line.slice(0, KEY_CHARS);
    const now = this.now();
    const last = this.seen.get(key);
    if (last && now - last.at < DIAG_REPEAT_INTERVAL_MS) {
      last.suppressed += 1;
      return;
    }
    if (!last && this.seen.size >= MAX_REMEMBERED) this.seen.clear();
    this.seen.set(key, { at: now, suppressed: 0 });
    const repeats = last?.suppressed ? { [LOG_FIELDS.repeatsSuppressed]: last.suppressed } : {};
    this.logger?.warn(`OpenTelemetry: ${line}`, { [LOG_FIELDS.source]: DIAG_SOURCE, ...repeats });
  }
}
