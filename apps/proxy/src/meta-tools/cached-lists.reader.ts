import type { BusKeys } from '@bastion/bus';
import type { ServerEntry } from '@bastion/contracts';
import type { Redis } from 'ioredis';
import {
  LIST_METHODS,
  serverFingerprint,
  type ListItem,
  type ListKind,
} from '../catalog/upstream-list.cache';

const KINDS = Object.keys(LIST_METHODS) as ListKind[];

/** Remaining time to live of each cached list of one server, in ms; null when not cached. */
export type ListTtls = Record<ListKind, number | null>;

/**
 * Reads what UpstreamListCache shares in Redis, never fetching from an upstream. The key is the
 * cache's own (`toolCache(project, server, fingerprint)` + `:<kind>`); the meta-tools e2e spec reads
 * lists the cache wrote, so a change of that scheme fails there.
 */
export class CachedListsReader {
  constructor(
    private readonly redis: Redis,
    private readonly keys: BusKeys,
  ) {}

  /** PTTL of every list kind of every server, in one round trip. */
  async ttls(projectId: string, servers: readonly ServerEntry[]): Promise<ListTtls[]> {
    const batch = this.redis.pipeline();
    for (const server of servers) for (const kind of KINDS) batch.pttl(this.key(kind, projectId, server));
    const replies = (await batch.exec()) ?? [];
    return servers.map((_server, index) => {
      const ttls = {} as ListTtls;
      KINDS.forEach((kind, offset) => {
        const [error, value] = replies[index * KINDS.length + offset] ?? [null, -2];
        if (error) throw error;
        // PTTL answers -2 for a missing key (and -1 for one without expiry, which the cache never writes).
        ttls[kind] = typeof value === 'number' && value >= 0 ? value : null;
      });
      return ttls;
    });
  }

  /** The cached tool list of each server (null when not cached), in one round trip. */
  async tools(projectId: string, servers: readonly ServerEntry[]): Promise<Array<ListItem[] | null>> {
    if (servers.length === 0) return [];
    const values = await this.redis.mget(...servers.map((server) => this.key('tools', projectId, server)));
    return values.map((value) => (value === null ? null : (JSON.parse(value) as ListItem[])));
  }

  private key(kind: ListKind, projectId: string, server: ServerEntry): string {
    return `${this.keys.toolCache(projectId, server.id, serverFingerprint(server))}:${kind}`;
  }
}
