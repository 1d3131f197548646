/** Redis keys and channels Bastion uses, all under one configurable prefix. */
export interface BusKeys {
  /** The full snapshot JSON, at `snapshotVersion`. */
  readonly snapshot: string;
  /** The version of the stored snapshot, readable without fetching the snapshot. */
  readonly snapshotVersion: string;
  /** Pub/sub channel carrying change events in version order. */
  readonly configEvents: string;
  /** Pub/sub channel of client cancellations (payload: `<sid> <request id JSON>`), for whichever worker runs it. */
  readonly cancellations: string;
  /** Pub/sub channel announcing terminated MCP sessions (payload: the session's sid). */
  readonly sessionsTerminated: string;
  /** Marker of one terminated session, kept for a day so workers started later know it too. */
  sessionTerminatedKey(sid: string): string;
  /** Pub/sub channel of messages for one client session (its GET stream may be on any worker). */
  sessionChannel(sid: string): string;
  /** Pub/sub channel of notifications for every session of a project (e.g. list_changed). */
  projectChannel(projectId: string): string;
  /** Cached tool list of one server for one project, at one server definition. */
  toolCache(projectId: string, serverId: string, fingerprint: string): string;
}

/** Builds the key names for one prefix (e.g. `bastion:`; tests use a prefix per worker). */
export function busKeys(prefix: string): BusKeys {
  return {
    snapshot: `${prefix}config:snapshot`,
    snapshotVersion: `${prefix}config:snapshot:version`,
    configEvents: `${prefix}config:events`,
    cancellations: `${prefix}sessions:cancellations`,
    sessionsTerminated: `${prefix}sessions:terminated`,
    sessionTerminatedKey: (sid) => `${prefix}session:${sid}:terminated`,
    sessionChannel: (sid) => `${prefix}session:${sid}:messages`,
    projectChannel: (projectId) => `${prefix}project:${projectId}:notifications`,
    toolCache: (projectId, serverId, fingerprint) => `${prefix}tools:${projectId}:${serverId}:${fingerprint}`,
  };
}
