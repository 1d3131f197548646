import type {
  ChangeEvent,
  ConfigEntry,
  GatewayKeyEntry,
  PolicyEntry,
  ProjectEntry,
  ServerEntry,
  Snapshot,
} from '@bastion/contracts';
import { KeyIndex } from './key.index';
import { buildServerLists, NO_SERVERS, serversOf, type ServerLists } from './server-lists.index';

/** Why a gateway key cannot be used. */
export type KeyRejection = 'unknown' | 'disabled' | 'expired' | 'no-project';

/** What a gateway key gives access to, or why it gives none. */
export type KeyResolution =
  | {
      ok: true;
      key: GatewayKeyEntry;
      project: ProjectEntry;
      /** Null when the project has no config assigned (then `servers` is empty). */
      config: ConfigEntry | null;
      /** The config's enabled servers, sorted by name. Shared and frozen: do not modify. */
      servers: readonly ServerEntry[];
    }
  | { ok: false; reason: KeyRejection };

/**
 * An immutable view of one snapshot with the indexes the request path needs, so that resolving a
 * key to its project, config and servers is a handful of map lookups. A new state is made for
 * every change; states in use by requests in flight are never modified.
 */
export class ServingState {
  private constructor(
    /** The snapshot this state serves. Treat as read-only. */
    readonly snapshot: Readonly<Snapshot>,
    private readonly keyIndex: KeyIndex,
    private readonly serverLists: ServerLists,
  ) {}

  /** Builds a state, indexing the whole snapshot. */
  static fromSnapshot(snapshot: Snapshot): ServingState {
    return new ServingState(snapshot, KeyIndex.build(snapshot.keys), buildServerLists(snapshot.servers));
  }

  /**
   * The state of `next`, which is this state's snapshot with `events` applied. Indexes the events
   * did not touch are reused, so a key revocation does not re-index every key.
   */
  withEvents(next: Snapshot, events: readonly ChangeEvent[]): ServingState {
    const keyIds: string[] = [];
    let serversTouched = false;
    for (const event of events) {
      if (event.op === 'reset') return ServingState.fromSnapshot(next);
      if (event.entity === 'keys') keyIds.push(event.id);
      if (event.entity === 'servers') serversTouched = true;
    }
    const keyIndex =
      keyIds.length === 0 ? this.keyIndex : this.keyIndex.patched(this.snapshot.keys, next.keys, keyIds);
    const serverLists = serversTouched ? buildServerLists(next.servers) : this.serverLists;
    return new ServingState(next, keyIndex, serverLists);
  }

  /** The config version this state reflects. */
  get version(): number {
    return this.snapshot.version;
  }

  /**
   * Resolves a gateway key (by the SHA-256 hex of its plaintext) to what it may use at `now`.
   * Checks in order: known, active, not expired, project present.
   */
  resolveKey(keyHash: string, now: Date): KeyResolution {
    const indexed = this.keyIndex.get(keyHash);
    if (!indexed) return { ok: false, reason: 'unknown' };
    const key = indexed.entry;
    if (key.status !== 'active') return { ok: false, reason: 'disabled' };
    if (indexed.expiresAtMs !== null && now.getTime() >= indexed.expiresAtMs) {
      return { ok: false, reason: 'expired' };
    }
    const project = this.snapshot.projects[key.projectId];
    if (!project) return { ok: false, reason: 'no-project' };
    const config = project.mcpConfigId === null ? undefined : this.snapshot.configs[project.mcpConfigId];
    if (!config) return { ok: true, key, project, config: null, servers: NO_SERVERS };
    return { ok: true, key, project, config, servers: serversOf(this.serverLists, config.id) };
  }

  /** The enabled servers of a config, sorted by name (empty when unknown). */
  serversOfConfig(configId: string): readonly ServerEntry[] {
    return serversOf(this.serverLists, configId);
  }

  /** A guardrail policy by id. */
  policy(id: string): PolicyEntry | undefined {
    return this.snapshot.policies[id];
  }

  /** A server by id, enabled or not. */
  server(id: string): ServerEntry | undefined {
    return this.snapshot.servers[id];
  }

  /** A project by id. */
  project(id: string): ProjectEntry | undefined {
    return this.snapshot.projects[id];
  }
}
