import type { ServerEntry } from '@bastion/contracts';
import type { UpstreamPool } from '@bastion/upstream';
import { z } from 'zod';
import type { McpCatalog } from '../catalog/mcp-catalog';
import { effectivePrefix, isToolAllowed } from '../catalog/tool-naming';
import type { ListItem, UpstreamListCache } from '../catalog/upstream-list.cache';
import { McpError } from '../mcp/mcp-error';
import type { CachedListsReader } from './cached-lists.reader';
import { defineMetaTool } from './meta-tool.define';
import { META_PREFIX } from './meta-tool.naming';
import type { MetaTool, MetaToolContext } from './meta-tool.types';
import { findServer, serverDetails, serverSummary } from './server.views';

/** What the server meta-tools read from. */
export interface ServerMetaToolsDeps {
  catalog: McpCatalog;
  lists: UpstreamListCache;
  pool: UpstreamPool;
  cached: CachedListsReader;
}

const noArgs = z.object({}).strict();
const oneServer = z
  .object({
    server: z.string().min(1).max(256).describe('The server name, as bastion__list_servers shows it.'),
  })
  .strict();
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

function isHidden(context: MetaToolContext, server: ServerEntry): boolean {
  return !context.visible.servers.includes(server);
}

function enabledToolCount(server: ServerEntry, cached: ListItem[] | null): number | null {
  return cached === null ? null : cached.filter((tool) => isToolAllowed(server, String(tool['name']))).length;
}

function listServersTool(deps: ServerMetaToolsDeps): MetaTool {
  return defineMetaTool({
    tool: 'list_servers',
    title: 'List servers',
    description:
      'Lists the MCP servers behind this gateway for your project: name, transport, tool prefix, the number of tools ' +
      'you may call (null until the tool list is cached) and the connection state on this gateway worker. Start here, ' +
      'then call bastion__discover_tools for one server.',
    args: noArgs,
    annotations: READ_ONLY,
    async run(context) {
      const { projectId, servers } = context.request.scope;
      const cachedTools = await deps.cached.tools(projectId, servers);
      const stats = deps.pool.stats().byServer;
      return {
        servers: servers.map((server, index) =>
          serverSummary(
            server,
            isHidden(context, server),
            enabledToolCount(server, cachedTools[index] ?? null),
            stats[server.id],
          ),
        ),
      };
    },
  });
}

function serverInfoTool(): MetaTool {
  return defineMetaTool({
    tool: 'server_info',
    title: 'Server details',
    description:
      'Details of one server: transport, endpoint (without credentials), tool prefix, time budgets in ms (connect, ' +
      'discovery, call), tool allow/deny lists, connection scope, guardrail policies, and the names (never the ' +
      'values) of its environment variables and headers.',
    args: oneServer,
    annotations: READ_ONLY,
    run(context, { server: name }) {
      const server = findServer(context.request.scope.servers, name);
      return Promise.resolve(serverDetails(server, isHidden(context, server)));
    },
  });
}

function discoverToolsTool(deps: ServerMetaToolsDeps): MetaTool {
  return defineMetaTool({
    tool: 'discover_tools',
    title: 'Discover tools',
    description:
      'The tools of one server as you can call them through this gateway: exposed name (<prefix>__<tool>), ' +
      'description and input schema, with the allow/deny lists applied. Call them with tools/call or bastion__call_batch.',
    args: oneServer,
    annotations: { ...READ_ONLY, openWorldHint: true },
    async run(context, { server: name }) {
      const server = findServer(context.request.scope.servers, name);
      if (isHidden(context, server)) {
        const message = `Server "${server.name}" uses the reserved prefix "${META_PREFIX}": its tools are hidden while meta-tools are enabled.`;
        throw McpError.of('invalidParams', message);
      }
      const { projectId, sessionId } = context.visible;
      // Asked first so an unreachable server is an error rather than an empty list; the catalog then reads the cache.
      await deps.lists.get('tools', projectId, server, sessionId);
      const tools = await deps.catalog.tools({ ...context.visible, servers: [server] });
      return { server: server.name, prefix: effectivePrefix(server), tools };
    },
  });
}

/** bastion__list_servers, bastion__server_info and bastion__discover_tools. */
export function serverMetaTools(deps: ServerMetaToolsDeps): MetaTool[] {
  return [listServersTool(deps), serverInfoTool(), discoverToolsTool(deps)];
}
