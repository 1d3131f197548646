import { busKeys, createRedis, whenRedisReady } from '@bastion/bus';
import { TEST_REDIS_URL } from '@bastion/testing';
import type { Redis } from 'ioredis';

/**
 * The benchmark's own Redis connections next to a deployment: one notes when each change event
 * appears on the config channel (to split propagation into relay and fan-out), the other publishes
 * the floor's raw SET + PUBLISH.
 */
export class RedisProbes {
  readonly floorChannel: string;
  private readonly seen = new Map<number, bigint>();

  private constructor(
    private readonly prefix: string,
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
  ) {
    this.floorChannel = `${prefix}bench:floor`;
  }

  /** Connects and subscribes to the deployment's config events. */
  static async open(prefix: string): Promise<RedisProbes> {
    const publisher = createRedis({ url: TEST_REDIS_URL, connectionName: 'bastion-bench-floor-publisher' });
    const subscriber = createRedis({ url: TEST_REDIS_URL, connectionName: 'bastion-bench-events' });
    await Promise.all([whenRedisReady(publisher, 5_000), whenRedisReady(subscriber, 5_000)]);
    const probes = new RedisProbes(prefix, publisher, subscriber);
    subscriber.on('message', (_channel: string, message: string) => probes.noteEvent(message));
    await subscriber.subscribe(busKeys(prefix).configEvents);
    return probes;
  }

  /** When the change event of `version` was seen on Redis (hrtime ns), if it was. */
  eventSeenAt(version: number): bigint | undefined {
    return this.seen.get(version);
  }

  /** The floor's write: SET + PUBLISH of a version in one MULTI, as the relay does with the snapshot. */
  async publishFloor(version: number): Promise<void> {
    await this.publisher
      .multi()
      .set(`${this.prefix}bench:floor:version`, String(version))
      .publish(this.floorChannel, JSON.stringify({ version }))
      .exec();
  }

  close(): void {
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }

  private noteEvent(message: string): void {
    const at = process.hrtime.bigint();
    const version = (JSON.parse(message) as { version?: unknown }).version;
    if (typeof version === 'number' && !this.seen.has(version)) this.seen.set(version, at);
  }
}
