import type { ServerEntry } from '@bastion/contracts';
import type { UpstreamCaller, UpstreamPool } from '@bastion/upstream';
import type { McpCatalog, ProjectScope } from '../catalog/mcp-catalog';
import { McpError } from './mcp-error';
import type { SubscriptionStore } from './subscription.store';

/** What a subscribe or unsubscribe needs from the request it serves. */
export interface SubscriptionContext {
  scope: ProjectScope;
  signal: AbortSignal;
  traceparent?: string;
  caller?: UpstreamCaller;
}

/**
 * resources/subscribe and resources/unsubscribe: routed by URI to the server that has the
 * resource and forwarded to it, with the subscribed sessions kept in the store, so the worker that
 * hears `notifications/resources/updated` tells exactly those sessions. On a project-shared
 * connection the upstream holds one subscription for all of them: it is dropped upstream only
 * when the last session unsubscribes.
 */
export class ResourceSubscriptions {
  constructor(
    private readonly catalog: McpCatalog,
    private readonly pool: UpstreamPool,
    private readonly store: SubscriptionStore,
  ) {}

  async subscribe(context: SubscriptionContext, uri: string): Promise<Record<string, unknown>> {
    const server = await this.route(context.scope, uri);
    const subscription = { ...this.owner(context), serverId: server.id, uri };
    // Recorded first, so an update the upstream sends right after accepting is not missed.
    await this.store.add(subscription);
    try {
      await this.forward(context, server, 'resources/subscribe', uri);
    } catch (error) {
      await this.store.remove(subscription).catch(() => undefined);
      throw error;
    }
    return {};
  }

  async unsubscribe(context: SubscriptionContext, uri: string): Promise<Record<string, unknown>> {
    const server = await this.route(context.scope, uri);
    const left = await this.store.remove({ ...this.owner(context), serverId: server.id, uri });
    if (left === 0 || server.connectionScope === 'session') {
      await this.forward(context, server, 'resources/unsubscribe', uri);
    }
    return {};
  }

  private owner(context: SubscriptionContext) {
    return { projectId: context.scope.projectId, sessionId: context.scope.sessionId };
  }

  private async route(scope: ProjectScope, uri: string): Promise<ServerEntry> {
    const server = await this.catalog.routeResource(scope, uri);
    if (!server) throw McpError.of('invalidParams', `Unknown resource: ${uri}`);
    return server;
  }

  private forward(context: SubscriptionContext, server: ServerEntry, method: string, uri: string) {
    const { projectId, sessionId } = context.scope;
    return this.pool.request(
      { projectId, server, sessionId },
      method,
      { uri },
      { operation: 'call', signal: context.signal, traceparent: context.traceparent, caller: context.caller },
    );
  }
}
