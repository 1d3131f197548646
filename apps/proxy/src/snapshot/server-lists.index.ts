import type { ServerEntry, Snapshot } from '@bastion/contracts';

/** Each config's enabled servers, sorted by name. */
export type ServerLists = ReadonlyMap<string, readonly ServerEntry[]>;

/** The (frozen) server list of a config without enabled servers. */
export const NO_SERVERS: readonly ServerEntry[] = Object.freeze([]);

// Code-point order, not locale order: every worker must list servers identically.
const byName = (a: ServerEntry, b: ServerEntry) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Groups the enabled servers by config, each list sorted by name and frozen. */
export function buildServerLists(servers: Snapshot['servers']): ServerLists {
  const lists = new Map<string, ServerEntry[]>();
  for (const server of Object.values(servers)) {
    if (!server.enabled) continue;
    const list = lists.get(server.configId);
    if (list) list.push(server);
    else lists.set(server.configId, [server]);
  }
  for (const list of lists.values()) Object.freeze(list.sort(byName));
  return lists;
}

/** The enabled servers of one config (an empty list when it has none). */
export function serversOf(lists: ServerLists, configId: string): readonly ServerEntry[] {
  return lists.get(configId) ?? NO_SERVERS;
}
