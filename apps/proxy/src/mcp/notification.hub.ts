import type { Redis } from 'ioredis';

type Listener = (message: string) => void;

/**
 * Delivers Redis pub/sub messages to the local listeners of each channel (the GET streams open on
 * this worker), subscribing to a channel only while someone listens.
 */
export class NotificationHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly subscriber: Redis) {
    subscriber.on('message', (channel: string, message: string) => {
      for (const listener of this.listeners.get(channel) ?? []) listener(message);
    });
  }

  /** Starts listening; returns the function that stops it. */
  async listen(channel: string, listener: Listener): Promise<() => void> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await this.subscriber.subscribe(channel);
    }
    set.add(listener);
    return () => this.unlisten(channel, listener);
  }

  /** Open listeners, for metrics (one per GET stream and channel). */
  get size(): number {
    let total = 0;
    for (const set of this.listeners.values()) total += set.size;
    return total;
  }

  private unlisten(channel: string, listener: Listener): void {
    const set = this.listeners.get(channel);
    if (!set) return;
    set.delete(listener);
    if (set.size === 0) {
      this.listeners.delete(channel);
      void this.subscriber.unsubscribe(channel).catch(() => undefined);
    }
  }
}
