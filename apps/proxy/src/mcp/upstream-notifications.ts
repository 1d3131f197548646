import type { BusKeys } from '@bastion/bus';
import type { UpstreamNotification } from '@bastion/upstream';
import type { Redis } from 'ioredis';
import type { UpstreamListCache } from '../catalog/upstream-list.cache';
import { ClientCall } from './client-call';
import { notificationMessage } from './json-rpc';
import { LogLevelFilter } from './log-level.filter';
import type { SessionLogLevels } from './session-log-levels';
import type { SubscriptionStore } from './subscription.store';

const LIST_CHANGED = new Set([
  'notifications/tools/list_changed',
  'notifications/prompts/list_changed',
  'notifications/resources/list_changed',
]);
const LOG_MESSAGE = 'notifications/message';
const RESOURCE_UPDATED = 'notifications/resources/updated';
const FORWARDED = new Set([...LIST_CHANGED, LOG_MESSAGE, RESOURCE_UPDATED]);

/**
 * Fans out what upstreams announce on their own, through Redis so it reaches a GET stream on any
 * worker: list_changed drops the cached lists and goes to the project's sessions (or the one
 * session of a session-scoped connection); a log message attributed to a call goes on that call's
 * own stream when the client takes one (filtered as the session's GET stream would), else to the
 * call's session; resources/updated goes only to the sessions subscribed to it.
 */
export class UpstreamNotifications {
  constructor(
    private readonly redis: Redis,
    private readonly keys: BusKeys,
    private readonly lists: UpstreamListCache,
    private readonly subscriptions: Pick<SubscriptionStore, 'subscribers'>,
    private readonly logLevels?: Pick<SessionLogLevels, 'current'>,
  ) {}

  async handle(notification: UpstreamNotification): Promise<void> {
    if (!FORWARDED.has(notification.method)) return;
    const { target } = notification;
    if (LIST_CHANGED.has(notification.method)) await this.lists.invalidate(target.projectId, target.server);
    const params =
      notification.method === LOG_MESSAGE
        ? withLoggerName(target.server.name, notification.params)
        : notification.params;
    const message = notificationMessage(notification.method, params ?? {});
    if (notification.method === LOG_MESSAGE && this.sentOnCallStream(notification, message)) return;
    const channels = await this.channels(notification).catch(() => []);
    await Promise.all(channels.map((channel) => this.redis.publish(channel, message).catch(() => undefined)));
  }

  /**
   * A log message of a call in flight goes with the call, before its result: the session's GET stream
   * may not be open yet when a tool logs as it starts (clients open it in the background after
   * initializing), and a publish could lose the race with the result. The session's level applies
   * as on its GET stream (a level set through another worker: as soon as this worker has read it).
   */
  private sentOnCallStream(notification: UpstreamNotification, message: string): boolean {
    const call = notification.caller;
    if (!(call instanceof ClientCall)) return false;
    const allowed = new LogLevelFilter(call.sessionId, this.logLevels).apply(message);
    return allowed === null || call.sendOnStream(allowed);
  }

  private async channels(notification: UpstreamNotification): Promise<string[]> {
    const { target, caller } = notification;
    const own = target.server.connectionScope === 'session' ? target.sessionId : undefined;
    if (notification.method === RESOURCE_UPDATED) {
      const uri = notification.params?.['uri'];
      if (typeof uri !== 'string') return [];
      const sessions = await this.subscriptions.subscribers(target.projectId, target.server.id, uri);
      return sessions
        .filter((sid) => own === undefined || sid === own)
        .map((sid) => this.keys.sessionChannel(sid));
    }
    const session = notification.method === LOG_MESSAGE ? (caller?.sessionId ?? own) : own;
    return [session ? this.keys.sessionChannel(session) : this.keys.projectChannel(target.projectId)];
  }
}

/** Prefixes an upstream log message's logger with the server name, so clients know its source. */
function withLoggerName(server: string, params: Record<string, unknown> = {}): Record<string, unknown> {
  const own = typeof params['logger'] === 'string' ? `/${params['logger']}` : '';
  return { ...params, logger: `${server}${own}` };
}
