import { Injectable } from '@nestjs/common';

/** Wakes the relay right after a commit, so changes do not wait for the next poll. */
@Injectable()
export class OutboxSignal {
  private listener: (() => void) | undefined;

  notify(): void {
    this.listener?.();
  }

  onNotify(listener: () => void): void {
    this.listener = listener;
  }
}
