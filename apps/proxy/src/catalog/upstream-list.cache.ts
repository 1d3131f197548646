import type { BusKeys } from '@bastion/bus';
import type { ServerEntry } from '@bastion/contracts';
import type { UpstreamPool } from '@bastion/upstream';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';

/** The list methods whose results are cached, and the field each result keeps its items in. */
export const LIST_METHODS = {
  tools: { method: 'tools/list', field: 'tools' },
  prompts: { method: 'prompts/list', field: 'prompts' },
  resources: { method: 'resources/list', field: 'resources' },
  resourceTemplates: { method: 'resources/templates/list', field: 'resourceTemplates' },
} as const;

export type ListKind = keyof typeof LIST_METHODS;
export type ListItem = Record<string, unknown>;

/**
 * How a lookup was answered. `hit`: without a request of its own to the upstream (this worker's
 * memory, Redis, or a fetch of the same list already under way); `miss`: fetched from the upstream;
 * `error`: fetched from the upstream because Redis could not be read. So misses + errors count fetches.
 */
export const LIST_LOOKUP_RESULTS = ['hit', 'miss', 'error'] as const;
export type ListLookupResult = (typeof LIST_LOOKUP_RESULTS)[number];

/** Told about every lookup (e.g. to count them); must not throw. */
export type ListLookupObserver = (kind: ListKind, result: ListLookupResult) => void;

const MAX_PAGES = 20;
// Workers share lists through Redis; a short local memory saves the round trip on hot paths.
const LOCAL_TTL_MS = 5_000;

const fingerprints = new WeakMap<ServerEntry, string>();

/** A stable hash of a server's definition: a changed definition never reuses a cached list. */
export function serverFingerprint(server: ServerEntry): string {
  let value = fingerprints.get(server);
  if (!value) {
    value = createHash('sha256').update(JSON.stringify(server)).digest('base64url').slice(0, 16);
    fingerprints.set(server, value);
  }
  return value;
}

/** Upstream list results (tools, prompts, resources, templates) cached locally and in Redis. */
export class UpstreamListCache {
  private readonly local = new Map<string, { expires: number; items: ListItem[] }>();
  private readonly inflight = new Map<string, Promise<ListItem[]>>();

  constructor(
    private readonly pool: UpstreamPool,
    private readonly redis: Redis,
    private readonly keys: BusKeys,
    private readonly ttlMs: number,
    private readonly observe: ListLookupObserver = () => undefined,
  ) {}

  /** The server's full list of one kind (all pages), from the nearest cache that has it. */
  async get(kind: ListKind, projectId: string, server: ServerEntry, sessionId: string): Promise<ListItem[]> {
    const key = `${this.keys.toolCache(projectId, server.id, serverFingerprint(server))}:${kind}`;
    const cached = this.local.get(key);
    const known = cached && cached.expires > Date.now() ? cached.items : this.inflight.get(key);
    if (known) {
      this.observe(kind, 'hit');
      return known;
    }
    const loading = this.load(kind, key, projectId, server, sessionId).finally(() =>
      this.inflight.delete(key),
    );
    this.inflight.set(key, loading);
    return loading;
  }

  /** Forgets a server's lists (its upstream said list_changed, or its definition changed). */
  async invalidate(projectId: string, server: ServerEntry): Promise<void> {
    const prefix = this.keys.toolCache(projectId, server.id, serverFingerprint(server));
    for (const key of this.local.keys()) if (key.startsWith(prefix)) this.local.delete(key);
    const kinds = Object.keys(LIST_METHODS).map((kind) => `${prefix}:${kind}`);
    await this.redis.del(...kinds).catch(() => undefined);
  }

  private async load(kind: ListKind, key: string, projectId: string, server: ServerEntry, sessionId: string) {
    // undefined: Redis could not be read (the upstream answers instead).
    const shared = await this.redis.get(key).catch(() => undefined);
    this.observe(kind, shared ? 'hit' : shared === undefined ? 'error' : 'miss');
    const items = shared
      ? (JSON.parse(shared) as ListItem[])
      : await this.fetch(kind, projectId, server, sessionId);
    if (!shared) await this.redis.set(key, JSON.stringify(items), 'PX', this.ttlMs).catch(() => undefined);
    this.local.set(key, { expires: Date.now() + Math.min(LOCAL_TTL_MS, this.ttlMs), items });
    return items;
  }

  private async fetch(kind: ListKind, projectId: string, server: ServerEntry, sessionId: string) {
    const { method, field } = LIST_METHODS[kind];
    const items: ListItem[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const params = cursor ? { cursor } : undefined;
      const result = await this.pool.request({ projectId, server, sessionId }, method, params, {
        operation: 'discovery',
      });
      const batch = result[field];
      if (Array.isArray(batch)) items.push(...(batch as ListItem[]));
      cursor = typeof result['nextCursor'] === 'string' ? result['nextCursor'] : undefined;
      if (!cursor) break;
    }
    return items;
  }
}
