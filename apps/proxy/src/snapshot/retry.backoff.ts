/** Exponential retry delays between a floor and a ceiling. */
export class RetryBackoff {
  private attempt = 0;

  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
  ) {}

  /** The delay before the next attempt; each call doubles it, up to the ceiling. */
  next(): number {
    const delay = Math.min(this.minMs * 2 ** Math.min(this.attempt, 30), this.maxMs);
    this.attempt += 1;
    return delay;
  }

  /** Back to the floor after a success. */
  reset(): void {
    this.attempt = 0;
  }
}
