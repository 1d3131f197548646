import type { BusKeys } from '@bastion/bus';
import type { UpstreamPool } from '@bastion/upstream';
import type { Redis } from 'ioredis';
import type { McpCatalog } from '../catalog/mcp-catalog';
import type { UpstreamListCache } from '../catalog/upstream-list.cache';
import type { ToolCallPipeline } from '../pipeline/tool-call.pipeline';
import { cacheMetaTools } from './cache.meta-tools';
import { CachedListsReader } from './cached-lists.reader';
import type { CallLatencyRecorder } from './call-latency.recorder';
import { callBatchTool } from './call-batch.meta-tool';
import type { MetaToolsLog } from './meta-tool.types';
import { MetaTools } from './meta-tools.gate';
import { serverMetaTools } from './server.meta-tools';
import { timeoutMetricsTool } from './timeout-metrics.meta-tool';

/** What the meta-tools are built from (all owned by the proxy's composition root). */
export interface MetaToolsDeps {
  catalog: McpCatalog;
  /** The same pipeline tools/call uses: call_batch has no other way to an upstream. */
  pipeline: ToolCallPipeline;
  lists: UpstreamListCache;
  pool: UpstreamPool;
  recorder: CallLatencyRecorder;
  redis: Redis;
  keys: BusKeys;
  settings: { toolCacheTtlMs: number; maxResultBytes: number };
  log: MetaToolsLog;
}

/** The seven meta-tools behind their per-config switch. */
export function createMetaTools(deps: MetaToolsDeps): MetaTools {
  const { catalog, lists, pool } = deps;
  const cached = new CachedListsReader(deps.redis, deps.keys);
  const tools = [
    ...serverMetaTools({ catalog, lists, pool, cached }),
    callBatchTool(deps.pipeline, deps.settings.maxResultBytes),
    ...cacheMetaTools({ lists, cached, ttlMs: deps.settings.toolCacheTtlMs }),
    timeoutMetricsTool(deps.recorder),
  ];
  return new MetaTools(tools, catalog, deps.log);
}
