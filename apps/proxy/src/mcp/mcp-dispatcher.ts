import type { ConfigEntry } from '@bastion/contracts';
import type { UpstreamCaller, UpstreamPool } from '@bastion/upstream';
import type { McpCatalog, ProjectScope } from '../catalog/mcp-catalog';
import type { MetaTools } from '../meta-tools/meta-tools.gate';
import type { ToolCallPipeline } from '../pipeline/tool-call.pipeline';
import { toMcpError } from '../pipeline/upstream-errors';
import { McpError } from './mcp-error';
import type { ResourceSubscriptions } from './resource-subscriptions';
import { LOG_LEVELS, isLogLevel, type SessionLogLevels } from './session-log-levels';

/** Everything a method handler may use about the request it serves. */
export interface DispatchContext {
  scope: ProjectScope;
  /** The project's config (its switches, e.g. metaToolsEnabled); absent when the project has none. */
  config?: ConfigEntry;
  keyId: string;
  signal: AbortSignal;
  /** Set when the client asked for progress (params._meta.progressToken). */
  onProgress?: (progress: { progress: number; total?: number; message?: string }) => void;
  traceparent?: string;
  /** The client request being served, for attributing server requests and log messages to it. */
  caller?: UpstreamCaller;
}

type Params = Record<string, unknown>;
type Handler = (context: DispatchContext, params: Params) => Promise<Record<string, unknown>>;

function requireString(params: Params, field: string): string {
  const value = params[field];
  if (typeof value !== 'string' || value.length === 0)
    throw McpError.of('invalidParams', `${field} must be a string.`);
  return value;
}

function objectParam(params: Params, field: string): Params {
  const value = params[field] ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw McpError.of('invalidParams', `${field} must be an object.`);
  }
  return value as Params;
}

/** Routes every MCP method a session may call (initialize is handled by the session layer). */
export class McpDispatcher {
  private readonly handlers: Record<string, Handler>;

  constructor(
    private readonly catalog: McpCatalog,
    private readonly pipeline: ToolCallPipeline,
    private readonly pool: UpstreamPool,
    /** The gateway's own bastion__* tools, shown and answered when the config enables them. */
    private readonly metaTools?: MetaTools,
    /** resources/subscribe and resources/unsubscribe; without it they are not supported. */
    private readonly subscriptions?: ResourceSubscriptions,
    /** Where logging/setLevel stores a session's level; without it the level is validated only. */
    private readonly logLevels?: Pick<SessionLogLevels, 'set'>,
  ) {
    this.handlers = {
      ping: () => Promise.resolve({}),
      'tools/list': async (c) => ({ tools: await (this.metaTools?.tools(c) ?? this.catalog.tools(c.scope)) }),
      'tools/call': (c, p) => this.callTool(c, p),
      'prompts/list': async (c) => ({ prompts: await this.catalog.prompts(c.scope) }),
      'prompts/get': (c, p) => this.getPrompt(c, p),
      'resources/list': async (c) => ({ resources: await this.catalog.resources(c.scope, 'resources') }),
      'resources/templates/list': async (c) => ({
        resourceTemplates: await this.catalog.resources(c.scope, 'resourceTemplates'),
      }),
      'resources/read': (c, p) => this.readResource(c, p),
      'resources/subscribe': (c, p) => this.subscription('subscribe', c, p),
      'resources/unsubscribe': (c, p) => this.subscription('unsubscribe', c, p),
      'completion/complete': (c, p) => this.complete(c, p),
      'logging/setLevel': (c, p) => this.setLevel(c, p),
    };
  }

  async dispatch(
    method: string,
    context: DispatchContext,
    params: Params = {},
  ): Promise<Record<string, unknown>> {
    const handler = this.handlers[method];
    if (!handler) throw McpError.of('methodNotFound', `Method not found: ${method}`);
    try {
      return await handler(context, params);
    } catch (error) {
      throw toMcpError(error);
    }
  }

  private callTool(context: DispatchContext, params: Params) {
    const { progressToken: _progressToken, ...meta } = objectParam(params, '_meta');
    const name = requireString(params, 'name');
    const args = objectParam(params, 'arguments');
    if (this.metaTools?.handles(context, name)) return this.metaTools.call(context, name, args);
    return this.pipeline.run({
      scope: context.scope,
      keyId: context.keyId,
      name,
      args,
      meta: Object.keys(meta).length > 0 ? meta : undefined,
      signal: context.signal,
      onProgress: context.onProgress,
      traceparent: context.traceparent,
      caller: context.caller,
    });
  }

  private subscription(action: 'subscribe' | 'unsubscribe', context: DispatchContext, params: Params) {
    const uri = requireString(params, 'uri');
    if (!this.subscriptions) throw McpError.of('methodNotFound', `Method not found: resources/${action}`);
    return this.subscriptions[action](context, uri);
  }

  private async getPrompt(context: DispatchContext, params: Params) {
    const name = requireString(params, 'name');
    const route = await this.catalog.routePrompt(context.scope, name);
    if (!route) throw McpError.of('invalidParams', `Unknown prompt: ${name}`);
    return this.forward(context, route.server, 'prompts/get', { ...params, name: route.upstreamName });
  }

  private async readResource(context: DispatchContext, params: Params) {
    const uri = requireString(params, 'uri');
    const server = await this.catalog.routeResource(context.scope, uri);
    if (!server) throw McpError.of('invalidParams', `Unknown resource: ${uri}`);
    return this.forward(context, server, 'resources/read', params);
  }

  private async complete(context: DispatchContext, params: Params) {
    const ref = objectParam(params, 'ref');
    if (ref['type'] === 'ref/prompt') {
      const route = await this.catalog.routePrompt(context.scope, requireString(ref, 'name'));
      if (!route) throw McpError.of('invalidParams', `Unknown prompt: ${String(ref['name'])}`);
      return this.forward(context, route.server, 'completion/complete', {
        ...params,
        ref: { ...ref, name: route.upstreamName },
      });
    }
    const server = await this.catalog.routeResource(context.scope, requireString(ref, 'uri'));
    if (!server) throw McpError.of('invalidParams', `Unknown resource: ${String(ref['uri'])}`);
    return this.forward(context, server, 'completion/complete', params);
  }

  private async setLevel(context: DispatchContext, params: Params) {
    const level = requireString(params, 'level');
    if (!isLogLevel(level)) {
      throw McpError.of('invalidParams', `level must be one of ${LOG_LEVELS.join(', ')}.`);
    }
    await this.logLevels?.set(context.scope.sessionId, level);
    return {};
  }

  private forward(
    context: DispatchContext,
    server: ProjectScope['servers'][number],
    method: string,
    params: Params,
  ) {
    return this.pool.request(
      { projectId: context.scope.projectId, server, sessionId: context.scope.sessionId },
      method,
      params,
      {
        operation: method === 'completion/complete' ? 'discovery' : 'call',
        signal: context.signal,
        traceparent: context.traceparent,
        caller: context.caller,
      },
    );
  }
}
