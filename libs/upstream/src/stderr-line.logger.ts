import { Readable, type Stream } from 'node:stream';

/** Bounds on how much of a child's stderr reaches the log. */
export interface StderrLogLimits {
  /** Longer lines are cut. */
  maxLineChars: number;
  /** At most this many lines per window; the rest are counted and reported once. */
  maxLines: number;
  windowMs: number;
}

export const DEFAULT_STDERR_LIMITS: StderrLogLimits = { maxLineChars: 1_000, maxLines: 50, windowMs: 10_000 };

class LineLimiter {
  private windowStart = 0;
  private lines = 0;
  private suppressed = 0;

  constructor(
    private readonly emit: (line: string) => void,
    private readonly limits: StderrLogLimits,
  ) {}

  push(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const now = Date.now();
    if (now - this.windowStart >= this.limits.windowMs) {
      if (this.suppressed > 0) this.emit(`(${this.suppressed} more stderr lines were not logged)`);
      this.windowStart = now;
      this.lines = 0;
      this.suppressed = 0;
    }
    if (this.lines >= this.limits.maxLines) {
      this.suppressed += 1;
      return;
    }
    this.lines += 1;
    const max = this.limits.maxLineChars;
    this.emit(line.length > max ? `${line.slice(0, max)}…` : line);
  }
}

/**
 * Reads a child process's stderr and hands it to `emit` line by line, bounded in line length and
 * rate. The stream is always drained, so a chatty child never blocks on a full pipe.
 */
export function forwardStderrLines(
  stream: Stream,
  emit: (line: string) => void,
  limits: StderrLogLimits = DEFAULT_STDERR_LIMITS,
): void {
  const limiter = new LineLimiter(emit, limits);
  let partial = '';
  if (stream instanceof Readable) stream.setEncoding('utf8');
  stream.on('data', (chunk: string | Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    if (partial.length > limits.maxLineChars) {
      limiter.push(partial);
      partial = '';
    }
    for (const part of parts) limiter.push(part);
  });
  stream.on('end', () => limiter.push(partial));
}
