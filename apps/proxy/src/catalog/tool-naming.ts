import type { ServerEntry } from '@bastion/contracts';

/** Separates a server's prefix from the upstream's own tool name: `<prefix>__<tool>`. */
export const NAME_DELIMITER = '__';

/** The prefix clients see for a server: its toolPrefix, or its name when none is set. */
export function effectivePrefix(server: ServerEntry): string {
  return server.toolPrefix ?? server.name;
}

/** The name a client sees for an upstream tool (or prompt). An empty prefix leaves it as is. */
export function exposedName(server: ServerEntry, upstreamName: string): string {
  const prefix = effectivePrefix(server);
  return prefix === '' ? upstreamName : `${prefix}${NAME_DELIMITER}${upstreamName}`;
}

/** `*` matches any run of characters; everything else is literal. */
function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

const compiled = new WeakMap<readonly string[], RegExp[]>();

function matchers(globs: readonly string[]): RegExp[] {
  let list = compiled.get(globs);
  if (!list) {
    list = globs.map(globToRegExp);
    compiled.set(globs, list);
  }
  return list;
}

/** Whether the server's allow and deny lists let this upstream tool through (deny wins). */
export function isToolAllowed(server: ServerEntry, upstreamName: string): boolean {
  if (matchers(server.toolsDeny).some((pattern) => pattern.test(upstreamName))) return false;
  if (server.toolsAllow.length === 0) return true;
  return matchers(server.toolsAllow).some((pattern) => pattern.test(upstreamName));
}
