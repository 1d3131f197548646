import type { BusKeys } from '@bastion/bus';
import type { UpstreamNotification } from '@bastion/upstream';
import type { Redis } from 'ioredis';
import type { UpstreamListCache } from '../catalog/upstream-list.cache';
import { notificationMessage } from './json-rpc';

const LIST_CHANGED = new Set([
  'notifications/tools/list_changed',
  'notifications/prompts/list_changed',
  'notifications/resources/list_changed',
]);
const FORWARDED = new Set([...LIST_CHANGED, 'notifications/message', 'notifications/resources/updated']);

/**
 * Fans out what upstreams announce on their own: list_changed drops the cached lists, then the
 * notification goes to the project's sessions (or the one session of a session-scoped connection)
 * through Redis, so it reaches a GET stream on any worker.
 */
export class UpstreamNotifications {
  constructor(
    private readonly redis: Redis,
    private readonly keys: BusKeys,
    private readonly lists: UpstreamListCache,
  ) {}

  async handle(notification: UpstreamNotification): Promise<void> {
    if (!FORWARDED.has(notification.method)) return;
    const { target } = notification;
    if (LIST_CHANGED.has(notification.method)) await this.lists.invalidate(target.projectId, target.server);
    const params =
      notification.method === 'notifications/message'
        ? withLoggerName(target.server.name, notification.params)
        : notification.params;
    const channel =
      target.server.connectionScope === 'session' && target.sessionId
        ? this.keys.sessionChannel(target.sessionId)
        : this.keys.projectChannel(target.projectId);
    await this.redis
      .publish(channel, notificationMessage(notification.method, params ?? {}))
      .catch(() => undefined);
  }
}

/** Prefixes an upstream log message's logger with the server name, so clients know its source. */
function withLoggerName(server: string, params: Record<string, unknown> = {}): Record<string, unknown> {
  const own = typeof params['logger'] === 'string' ? `/${params['logger']}` : '';
  return { ...params, logger: `${server}${own}` };
}
