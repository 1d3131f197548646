/**
 * A background tick (unref'd, so it never keeps the process alive) that runs only while there is
 * something to sweep: `tick` returns false when it found nothing left, which stops the timer until
 * the next `start()`.
 */
export class IdleSweeper {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly everyMs: number,
    private readonly tick: () => boolean,
  ) {}

  /** Starts ticking unless already running. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.tick()) this.stop();
    }, this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
