import type { Notification } from '@modelcontextprotocol/sdk/types.js';
import type { UpstreamConnection } from './upstream.connection';
import type { UpstreamCaller, UpstreamNotification, UpstreamTarget } from './upstream.types';

/** Notifications an upstream sends on its own that the gateway passes on. */
export const FORWARDED_NOTIFICATIONS: ReadonlySet<string> = new Set([
  'notifications/tools/list_changed',
  'notifications/resources/list_changed',
  'notifications/prompts/list_changed',
  'notifications/resources/updated',
  'notifications/message',
]);

/** The target a connection serves: its project and server, and its session when session-scoped. */
export function ownerTarget(connection: UpstreamConnection): UpstreamTarget {
  const { projectId, sessionId } = connection.owner;
  const server = connection.server;
  return sessionId === undefined ? { projectId, server } : { projectId, server, sessionId };
}

/**
 * The notification to pass on, addressed to the connection's owner (project, and session for
 * session-scoped servers), or undefined for notifications the gateway does not forward. A log
 * message keeps the caller of the request in flight it is attributed to.
 */
export function toUpstreamNotification(
  connection: UpstreamConnection,
  notification: Notification,
  caller?: UpstreamCaller,
): UpstreamNotification | undefined {
  if (!FORWARDED_NOTIFICATIONS.has(notification.method)) return undefined;
  const forwarded: UpstreamNotification = {
    target: ownerTarget(connection),
    method: notification.method,
    params: notification.params,
  };
  if (caller && notification.method === 'notifications/message') forwarded.caller = caller;
  return forwarded;
}
