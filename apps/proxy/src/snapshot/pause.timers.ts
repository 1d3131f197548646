import type { EventEmitter } from 'node:events';

/**
 * Waits between retries that `cancelAll` can cut short (on stop), optionally ending early when a
 * Redis connection becomes ready, so a recovered Redis is used at once rather than after the delay.
 */
export class PauseTimers {
  private readonly waiting = new Set<() => void>();

  /** Resolves after `ms`, on `wakeOn`'s next `ready` event, or on `cancelAll`, whichever is first. */
  pause(ms: number, wakeOn?: EventEmitter): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakeOn?.off('ready', done);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakeOn?.once('ready', done);
      this.waiting.add(done);
    });
  }

  /** Ends every pause now. */
  cancelAll(): void {
    for (const done of [...this.waiting]) done();
  }
}
