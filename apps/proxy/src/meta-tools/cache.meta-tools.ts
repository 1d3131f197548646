import { z } from 'zod';
import type { UpstreamListCache } from '../catalog/upstream-list.cache';
import type { CachedListsReader, ListTtls } from './cached-lists.reader';
import { defineMetaTool } from './meta-tool.define';
import type { MetaTool } from './meta-tool.types';
import { findServer } from './server.views';

/** What the cache meta-tools read and clear. */
export interface CacheMetaToolsDeps {
  lists: UpstreamListCache;
  cached: CachedListsReader;
  /** The configured time to live of a cached list (TOOL_CACHE_TTL_MS). */
  ttlMs: number;
}

function listsView(ttls: ListTtls): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(ttls).map(([kind, ttl]) => [kind, { cached: ttl !== null, remainingTtlMs: ttl }]),
  );
}

function cacheStatusTool(deps: CacheMetaToolsDeps): MetaTool {
  return defineMetaTool({
    tool: 'cache_status',
    title: 'Cache status',
    description:
      'What the gateway has cached for your project: for each server, which lists (tools, prompts, resources, ' +
      'resourceTemplates) are cached and how many milliseconds each remains valid (remainingTtlMs).',
    args: z.object({}).strict(),
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async run(context) {
      const { projectId, servers } = context.request.scope;
      const ttls = await deps.cached.ttls(projectId, servers);
      return {
        ttlMs: deps.ttlMs,
        servers: servers.map((server, index) => ({ name: server.name, lists: listsView(ttls[index]) })),
      };
    },
  });
}

function clearCacheTool(deps: CacheMetaToolsDeps): MetaTool {
  return defineMetaTool({
    tool: 'clear_cache',
    title: 'Clear cache',
    description:
      'Drops the cached lists (tools, prompts, resources) of one server, or of every server of your project when ' +
      'no server is given; the next list asks the upstream again. Other gateway workers may keep their own copy ' +
      'for a few more seconds.',
    args: z
      .object({
        server: z.string().min(1).max(256).optional().describe('The server name; omit to clear all.'),
      })
      .strict(),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async run(context, { server }) {
      const { projectId, servers } = context.request.scope;
      const targets = server === undefined ? servers : [findServer(servers, server)];
      await Promise.all(targets.map((target) => deps.lists.invalidate(projectId, target)));
      return { cleared: targets.map((target) => target.name) };
    },
  });
}

/** bastion__cache_status and bastion__clear_cache. */
export function cacheMetaTools(deps: CacheMetaToolsDeps): MetaTool[] {
  return [cacheStatusTool(deps), clearCacheTool(deps)];
}
