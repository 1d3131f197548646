import type { ServerEntry } from '@bastion/contracts';
import type { ConnectionOwner } from './upstream.connection';
import type { UpstreamTarget } from './upstream.types';

/**
 * The pool key of a target: `<project>:<server>`, or `<project>:<server>:<session>` for
 * session-scoped servers. A session-scoped server called without a session (stdio mode has one
 * client) gets the project key.
 */
export function connectionKey(target: UpstreamTarget): string {
  const { projectId, server, sessionId } = target;
  return server.connectionScope === 'session' && sessionId !== undefined
    ? `${projectId}:${server.id}:${sessionId}`
    : `${projectId}:${server.id}`;
}

/** Who owns the connection for `target`: its key, its project and (session scope only) its session. */
export function connectionOwner(target: UpstreamTarget, key: string): ConnectionOwner {
  const scoped = target.server.connectionScope === 'session' && target.sessionId !== undefined;
  return scoped
    ? { key, projectId: target.projectId, sessionId: target.sessionId }
    : { key, projectId: target.projectId };
}

/** The server fields a connection is built from; a different fingerprint needs a new connection. */
export function connectionFingerprint(server: ServerEntry): string {
  const { transport, command, args, env, url, headers, oauth, connectionScope } = server;
  return JSON.stringify([transport, command, args, env, url, headers, oauth, connectionScope]);
}

/** Whether a pool key belongs to `serverId`. */
export function keyHasServer(key: string, serverId: string): boolean {
  return key.split(':')[1] === serverId;
}
