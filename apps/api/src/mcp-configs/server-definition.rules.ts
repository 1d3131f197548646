import { SECRET_MASK } from './dto/mcp-server-fields';
import type { ConfigProblem } from './dto/validate-mcp-config.dto';

/** The fields the cross-field rules look at, in their merged (stored + requested) state. */
export interface ServerShape {
  name: string;
  transport: 'stdio' | 'streamable-http' | 'sse';
  command?: string | null | undefined;
  url?: string | null | undefined;
  toolPrefix?: string | null | undefined;
}

/** The prefix clients see on this server's tools: the explicit one, else the server name. */
export function effectivePrefix(server: Pick<ServerShape, 'name' | 'toolPrefix'>): string {
  return server.toolPrefix ?? server.name;
}

/** stdio needs a command; the HTTP transports need a URL. `at` prefixes each problem path. */
export function transportProblems(server: ServerShape, at = ''): ConfigProblem[] {
  if (server.transport === 'stdio') {
    return server.command ? [] : [{ path: `${at}command`, message: 'A stdio server needs a command.' }];
  }
  return server.url
    ? []
    : [{ path: `${at}url`, message: `A ${server.transport} server needs an http(s) url.` }];
}

/**
 * Problems among the servers of one config: duplicate names, duplicate effective tool prefixes,
 * and an empty prefix next to other servers (its tools could collide with theirs).
 */
export function siblingProblems(servers: Array<Pick<ServerShape, 'name' | 'toolPrefix'>>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const names = new Map<string, number>();
  const prefixes = new Map<string, number>();
  servers.forEach((server, index) => {
    const firstName = names.get(server.name);
    if (firstName !== undefined) {
      problems.push({
        path: `servers.${index}.name`,
        message: `Server name "${server.name}" is already used by servers.${firstName}.`,
      });
    } else names.set(server.name, index);
    const prefix = effectivePrefix(server);
    const firstPrefix = prefixes.get(prefix);
    if (firstPrefix !== undefined && firstName === undefined) {
      problems.push({
        path: `servers.${index}.toolPrefix`,
        message: `Tool prefix "${prefix}" is already used by servers.${firstPrefix}.`,
      });
    } else if (firstPrefix === undefined) prefixes.set(prefix, index);
    if (prefix === '' && servers.length > 1) {
      problems.push({
        path: `servers.${index}.toolPrefix`,
        message:
          'An empty tool prefix next to other servers can make tool names collide; give every server a prefix.',
      });
    }
  });
  return problems;
}

/** Values equal to the mask ask to keep a stored secret; in a definition that was never saved there is none. */
export function maskedSecretProblems(
  server: {
    env?: Record<string, string> | undefined;
    headers?: Record<string, string> | undefined;
    oauth?: { clientSecret: string } | null | undefined;
  },
  at = '',
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const message = `"${SECRET_MASK}" keeps a stored value, but nothing is stored yet; send the real value.`;
  for (const [kind, map] of [
    ['env', server.env],
    ['headers', server.headers],
  ] as const) {
    for (const [name, value] of Object.entries(map ?? {}))
      if (value === SECRET_MASK) problems.push({ path: `${at}${kind}.${name}`, message });
  }
  if (server.oauth?.clientSecret === SECRET_MASK) problems.push({ path: `${at}oauth.clientSecret`, message });
  return problems;
}
