import type { Notification } from '@modelcontextprotocol/sdk/types.js';
import type { UpstreamConnection } from './upstream.connection';
import type { UpstreamNotification, UpstreamTarget } from './upstream.types';

/** Notifications an upstream sends on its own that the gateway passes on. */
export const FORWARDED_NOTIFICATIONS: ReadonlySet<string> = new Set([
  'notifications/tools/list_changed',
  'notifications/resources/list_changed',
  'notifications/prompts/list_changed',
  'notifications/resources/updated',
  'notifications/message',
]);

/**
 * The notification to pass on, addressed to the connection's owner (project, and session for
 * session-scoped servers), or undefined for notifications the gateway does not forward.
 */
export function toUpstreamNotification(
  connection: UpstreamConnection,
  notification: Notification,
): UpstreamNotification | undefined {
  if (!FORWARDED_NOTIFICATIONS.has(notification.method)) return undefined;
  const { projectId, sessionId } = connection.owner;
  const server = connection.server;
  const target: UpstreamTarget =
    sessionId === undefined ? { projectId, server } : { projectId, server, sessionId };
  return { target, method: notification.method, params: notification.params };
}
