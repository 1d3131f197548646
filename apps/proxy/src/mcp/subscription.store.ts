import type { BusKeys } from '@bastion/bus';
import type { Redis } from 'ioredis';

/** Subscription records outlive no session by much: a session rarely lasts a week. */
const SUBSCRIPTION_TTL_S = 7 * 24 * 60 * 60;

/** One subscription: a session's interest in one resource of one server of a project. */
export interface Subscription {
  projectId: string;
  sessionId: string;
  serverId: string;
  uri: string;
}

/**
 * Resource subscriptions in Redis, so every worker knows them: per resource the set of subscribed
 * sessions (read when an update arrives), per session the set of its subscriptions (to drop them
 * when the session ends).
 */
export class SubscriptionStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: BusKeys,
  ) {}

  async add({ projectId, sessionId, serverId, uri }: Subscription): Promise<void> {
    const subscribers = this.keys.resourceSubscribers(projectId, serverId, uri);
    const mine = this.keys.sessionSubscriptions(sessionId);
    await this.redis
      .multi()
      .sadd(subscribers, sessionId)
      .expire(subscribers, SUBSCRIPTION_TTL_S)
      .sadd(mine, JSON.stringify([serverId, uri]))
      .expire(mine, SUBSCRIPTION_TTL_S)
      .exec();
  }

  /** Removes one subscription; resolves with how many sessions remain subscribed to the resource. */
  async remove({ projectId, sessionId, serverId, uri }: Subscription): Promise<number> {
    const subscribers = this.keys.resourceSubscribers(projectId, serverId, uri);
    const replies = await this.redis
      .multi()
      .srem(subscribers, sessionId)
      .srem(this.keys.sessionSubscriptions(sessionId), JSON.stringify([serverId, uri]))
      .scard(subscribers)
      .exec();
    return Number(replies?.[2]?.[1] ?? 0);
  }

  /** The sessions subscribed to `uri` of a server. */
  subscribers(projectId: string, serverId: string, uri: string): Promise<string[]> {
    return this.redis.smembers(this.keys.resourceSubscribers(projectId, serverId, uri));
  }

  /** Drops every subscription of an ended session. */
  async dropSession(projectId: string, sessionId: string): Promise<void> {
    const mine = this.keys.sessionSubscriptions(sessionId);
    const entries = await this.redis.smembers(mine);
    const batch = this.redis.multi();
    for (const entry of entries) {
      const [serverId, uri] = JSON.parse(entry) as [string, string];
      batch.srem(this.keys.resourceSubscribers(projectId, serverId, uri), sessionId);
    }
    await batch.del(mine).exec();
  }
}
