import type { ServerEntry } from '@bastion/contracts';
import type { UpstreamServerStats } from '@bastion/upstream';
import { basename } from 'node:path';
import { effectivePrefix } from '../catalog/tool-naming';
import { McpError } from '../mcp/mcp-error';

/** The project's server of that name, or -32602 naming what is unknown. */
export function findServer(servers: readonly ServerEntry[], name: string): ServerEntry {
  const server = servers.find((candidate) => candidate.name === name);
  if (!server) throw McpError.of('invalidParams', `Unknown server: ${name.slice(0, 200)}`);
  return server;
}

/** A URL without what may carry credentials: user info, query and fragment go. */
export function withoutCredentials(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return null;
  }
}

/** This worker's connections to a server (per server definition, from the pool's stats). */
export function connectionView(stats: UpstreamServerStats | undefined): Record<string, unknown> {
  const connections = stats?.connections ?? 0;
  return {
    state: connections > 0 ? 'connected' : 'not connected',
    connections,
    inFlight: stats?.inFlight ?? 0,
    processes: stats?.processes ?? 0,
    restarts: stats?.restarts ?? 0,
  };
}

/** One line of bastion__list_servers. `enabledTools` is null when the tool list is not cached. */
export function serverSummary(
  server: ServerEntry,
  toolsHidden: boolean,
  enabledTools: number | null,
  stats: UpstreamServerStats | undefined,
): Record<string, unknown> {
  return {
    name: server.name,
    transport: server.transport,
    prefix: effectivePrefix(server),
    toolsHidden,
    enabledTools,
    connection: connectionView(stats),
  };
}

/**
 * bastion__server_info: everything about a server a client may know. Credentials never appear:
 * env vars and headers by name only, OAuth without client id or secret, URLs without user info or
 * query, and for stdio the program's name and the number of its arguments (arguments may hold tokens).
 */
export function serverDetails(server: ServerEntry, toolsHidden: boolean): Record<string, unknown> {
  const endpoint =
    server.transport === 'stdio'
      ? { command: server.command === null ? null : basename(server.command), argCount: server.args.length }
      : { url: withoutCredentials(server.url) };
  return {
    name: server.name,
    transport: server.transport,
    prefix: effectivePrefix(server),
    toolsHidden,
    endpoint,
    envNames: Object.keys(server.env).sort(),
    headerNames: Object.keys(server.headers).sort(),
    oauth: server.oauth
      ? {
          tokenUrl: withoutCredentials(server.oauth.tokenUrl),
          scope: server.oauth.scope,
          audience: server.oauth.audience,
        }
      : null,
    timeouts: { ...server.timeouts },
    tools: { allow: [...server.toolsAllow], deny: [...server.toolsDeny] },
    connectionScope: server.connectionScope,
    guardrails: { inputPolicyId: server.inputPolicyId, outputPolicyId: server.outputPolicyId },
  };
}
