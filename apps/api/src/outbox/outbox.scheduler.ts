import type { Logger } from 'winston';
import type { OutboxRelay } from './outbox.relay';
import type { OutboxSignal } from './outbox.signal';

/**
 * Runs the relay on every commit signal and on a timer (which also catches up after an outage),
 * never two passes at once; a signal during a pass schedules one more pass.
 */
export class OutboxScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private failing = false;

  constructor(
    private readonly relay: OutboxRelay,
    private readonly signal: OutboxSignal,
    private readonly pollMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.signal.onNotify(() => void this.run());
    this.timer = setInterval(() => void this.run(), this.pollMs);
    this.timer.unref();
    void this.run();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Runs passes until nothing more is pending; resolves when done (tests await it). */
  async run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        while ((await this.relay.publishPending()) > 0) {
          /* keep draining */
        }
      } while (this.again);
      this.reportRecovered();
    } catch (error) {
      this.reportFailure(error);
    } finally {
      this.running = false;
    }
  }

  private reportFailure(error: unknown): void {
    if (!this.failing) this.logger.warn('outbox relay cannot publish yet; will retry', { error });
    this.failing = true;
  }

  private reportRecovered(): void {
    if (this.failing) this.logger.info('outbox relay caught up');
    this.failing = false;
  }
}
