import type { Notification } from '@modelcontextprotocol/sdk/types.js';
import { ownerTarget, toUpstreamNotification } from './upstream-notification.mapper';
import type { UpstreamConnection } from './upstream.connection';
import type { UpstreamCaller, UpstreamPoolOptions, UpstreamServerRequest } from './upstream.types';

/** A server request as a connection reports it (the target is added here). */
export type ConnectionServerRequest = Pick<UpstreamServerRequest, 'method' | 'params' | 'caller' | 'signal'>;

/** What a connection hears from its server on its own: notifications and requests to the client. */
export interface MessageHooks {
  /** A notification to pass on; `caller` is the request in flight it is attributed to, if any. */
  onNotification(connection: UpstreamConnection, notification: Notification, caller?: UpstreamCaller): void;
  /** A request from the server to its client (only for declared capabilities). */
  onServerRequest(
    connection: UpstreamConnection,
    request: ConnectionServerRequest,
  ): Promise<Record<string, unknown>>;
}

/** Hands notifications and server requests of every connection to the pool's options. */
export class ConnectionMessages implements MessageHooks {
  constructor(private readonly options: UpstreamPoolOptions) {}

  onNotification(connection: UpstreamConnection, notification: Notification, caller?: UpstreamCaller): void {
    const forwarded = this.options.onNotification && toUpstreamNotification(connection, notification, caller);
    if (forwarded) this.options.onNotification?.(forwarded);
  }

  onServerRequest(
    connection: UpstreamConnection,
    request: ConnectionServerRequest,
  ): Promise<Record<string, unknown>> {
    // Only declared capabilities get handlers, and none are declared without onServerRequest.
    const forward = this.options.onServerRequest;
    if (!forward) return Promise.reject(new Error(`${request.method} is not supported.`));
    return forward({ ...request, target: ownerTarget(connection) });
  }
}
