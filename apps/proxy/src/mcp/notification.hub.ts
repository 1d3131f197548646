import type { Redis } from 'ioredis';

type Listener = (message: string) => void;

/**
 * Delivers Redis pub/sub messages to the local listeners of each channel (the GET streams open on
 * this worker), subscribing to a channel only while someone listens. The listener map is the source
 * of truth: every (re)connection subscribes to all of its channels, so a channel listened to before
 * the connection was up (the worker's own channels at start-up) or during an outage is not lost.
 */
export class NotificationHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly subscriber: Redis) {
    subscriber.on('message', (channel: string, message: string) => {
      for (const listener of this.listeners.get(channel) ?? []) listener(message);
    });
    subscriber.on('ready', () => this.resubscribe());
  }

  /**
   * Starts listening; returns the function that stops it. Resolves once subscribed when Redis is
   * up; while it is not, resolves at once and the next connection subscribes.
   */
  async listen(channel: string, listener: Listener): Promise<() => void> {
    let set = this.listeners.get(channel);
    const fresh = !set;
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(listener);
    const stop = () => this.unlisten(channel, listener);
    // The in-process stand-in has no status and is always up.
    const up = this.subscriber.status === 'ready' || this.subscriber.status === undefined;
    if (fresh && up) {
      try {
        await this.subscriber.subscribe(channel);
      } catch (error) {
        stop();
        throw error;
      }
    }
    return stop;
  }

  /** Open listeners, for metrics (one per GET stream and channel). */
  get size(): number {
    let total = 0;
    for (const set of this.listeners.values()) total += set.size;
    return total;
  }

  private resubscribe(): void {
    const channels = [...this.listeners.keys()];
    if (channels.length > 0) void this.subscriber.subscribe(...channels).catch(() => undefined);
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
