import { createHash } from 'node:crypto';

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
  /**
   * Pub/sub channel carrying a client's answer to one gateway-issued server→client request
   * (sampling, elicitation, roots) to the worker waiting for it. Payload: `{ sid, result | error }`.
   */
  replyChannel(requestId: string): string;
  /** Set of the session ids subscribed to one resource of one server of a project. */
  resourceSubscribers(projectId: string, serverId: string, uri: string): string;
  /** Set of one session's resource subscriptions (JSON `[serverId, uri]`), to drop them when it ends. */
  sessionSubscriptions(sid: string): string;
  /**
   * The log level an admin last set at runtime for one kind of process (`proxy`), so workers started
   * later apply it at boot. Written before each publish on `logLevelChanges`.
   */
  logLevel(process: string): string;
  /** Pub/sub channel of runtime log-level changes (payload: JSON `{ level, target: api|proxy|all }`). */
  readonly logLevelChanges: string;
  /** The MCP log level one client session asked for (logging/setLevel), kept for a day. */
  sessionLogLevel(sid: string): string;
}

/** A fixed-length stand-in for a URI in key names (URIs may be long and hold any character). */
function uriDigest(uri: string): string {
  return createHash('sha256').update(uri).digest('base64url').slice(0, 32);
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
    replyChannel: (requestId) => `${prefix}replies:${requestId}`,
    resourceSubscribers: (projectId, serverId, uri) =>
      `${prefix}resource:${projectId}:${serverId}:${uriDigest(uri)}:subscribers`,
    sessionSubscriptions: (sid) => `${prefix}session:${sid}:subscriptions`,
    logLevel: (process) => `${prefix}log-level:${process}`,
    logLevelChanges: `${prefix}log-level:changes`,
    sessionLogLevel: (sid) => `${prefix}session:${sid}:log-level`,
  };
}
