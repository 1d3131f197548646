import type { ServerEntry } from '@bastion/contracts';
import type { ListItem, ListKind, UpstreamListCache } from './upstream-list.cache';
import { NAME_DELIMITER, effectivePrefix, exposedName, isToolAllowed } from './tool-naming';
import type { HeldTool, ToolPinGate } from './tool-pins.gate';

/** The servers one request may reach: its project's config, with the session for session-scoped ones. */
export interface ProjectScope {
  projectId: string;
  servers: readonly ServerEntry[];
  sessionId: string;
}

/** Where a namespaced name leads upstream. */
export interface Route {
  server: ServerEntry;
  upstreamName: string;
  /** The upstream's definition of the tool or prompt, as listed. */
  definition?: ListItem;
}

export type CatalogLog = (level: 'warn', message: string, fields: Record<string, unknown>) => void;

/** Told which tools a tools/list left out because tool pinning holds them back. */
export type HeldToolListener = (scope: ProjectScope, held: readonly HeldTool[]) => void;

const indexes = new WeakMap<ListItem[], Map<string, ListItem>>();

/** Items by name (or URI), built once per cached list. */
function indexBy(items: ListItem[], field: 'name' | 'uri'): Map<string, ListItem> {
  let index = indexes.get(items);
  if (!index) {
    index = new Map(items.map((item) => [typeof item[field] === 'string' ? item[field] : '', item]));
    indexes.set(items, index);
  }
  return index;
}

/**
 * Aggregates the upstreams of a project into one MCP server: tools and prompts are namespaced as
 * `<prefix>__<name>` (allow/deny lists applied to tools), resources keep their URIs and are routed
 * by them. A server that cannot list is left out (and logged) instead of failing the whole list.
 */
export class McpCatalog {
  constructor(
    private readonly lists: UpstreamListCache,
    private readonly log: CatalogLog,
    /** Holds back tools whose definition is not approved (tool pinning); none without it. */
    private readonly pins?: ToolPinGate,
    /** Tells the session what was held back (see HeldToolNotices); nobody is told without it. */
    private readonly onHeld?: HeldToolListener,
  ) {}

  async tools(scope: ProjectScope): Promise<ListItem[]> {
    const perServer = await this.collect('tools', scope);
    const review = this.pins?.review(perServer);
    if (review && review.held.length > 0) this.onHeld?.(scope, review.held);
    const held = review?.heldItems;
    return this.merge(perServer, (server, tool) => {
      const name = String(tool['name']);
      if (held?.has(tool)) return null;
      return isToolAllowed(server, name) ? { ...tool, name: exposedName(server, name) } : null;
    });
  }

  async prompts(scope: ProjectScope): Promise<ListItem[]> {
    const perServer = await this.collect('prompts', scope);
    return this.merge(perServer, (server, prompt) => ({
      ...prompt,
      name: exposedName(server, String(prompt['name'])),
    }));
  }

  async resources(scope: ProjectScope, kind: 'resources' | 'resourceTemplates'): Promise<ListItem[]> {
    const perServer = await this.collect(kind, scope);
    return perServer.flatMap(([, items]) => items);
  }

  /** The upstream tool behind an exposed name, or null when unknown or not allowed. */
  async routeTool(scope: ProjectScope, exposed: string): Promise<Route | null> {
    const route = this.routeByPrefix(scope, exposed);
    if (!route || !isToolAllowed(route.server, route.upstreamName)) return null;
    const items = await this.lists.get('tools', scope.projectId, route.server, scope.sessionId);
    const definition = indexBy(items, 'name').get(route.upstreamName);
    if (definition) await this.pins?.admit(route.server, definition, () => this.collect('tools', scope));
    return definition ? { ...route, definition } : null;
  }

  async routePrompt(scope: ProjectScope, exposed: string): Promise<Route | null> {
    const route = this.routeByPrefix(scope, exposed);
    if (!route) return null;
    const items = await this.lists.get('prompts', scope.projectId, route.server, scope.sessionId);
    const definition = indexBy(items, 'name').get(route.upstreamName);
    return definition ? { ...route, definition } : null;
  }

  /** The server that lists this resource URI, or whose template prefix matches it. */
  async routeResource(scope: ProjectScope, uri: string): Promise<ServerEntry | null> {
    const listed = await this.collect('resources', scope);
    const exact = listed.find(([, items]) => indexBy(items, 'uri').has(uri));
    if (exact) return exact[0];
    const templates = await this.collect('resourceTemplates', scope);
    const match = templates.find(([, items]) =>
      items.some((t) => {
        const template = typeof t['uriTemplate'] === 'string' ? t['uriTemplate'] : '';
        const fixedPart = template.split('{')[0] ?? '';
        return fixedPart !== '' && uri.startsWith(fixedPart);
      }),
    );
    if (match) return match[0];
    return scope.servers.length === 1 ? (scope.servers[0] ?? null) : null;
  }

  /** Picks the server by prefix: `<prefix>__rest`, or a server with an empty prefix. */
  private routeByPrefix(scope: ProjectScope, exposed: string): Route | null {
    let bare: ServerEntry | null = null;
    for (const server of scope.servers) {
      const prefix = effectivePrefix(server);
      if (prefix === '') bare ??= server;
      else if (exposed.startsWith(prefix + NAME_DELIMITER)) {
        return { server, upstreamName: exposed.slice(prefix.length + NAME_DELIMITER.length) };
      }
    }
    return bare ? { server: bare, upstreamName: exposed } : null;
  }

  private async collect(kind: ListKind, scope: ProjectScope): Promise<Array<[ServerEntry, ListItem[]]>> {
    const settled = await Promise.allSettled(
      scope.servers.map((server) => this.lists.get(kind, scope.projectId, server, scope.sessionId)),
    );
    const out: Array<[ServerEntry, ListItem[]]> = [];
    settled.forEach((result, index) => {
      const server = scope.servers[index];
      if (result.status === 'fulfilled') out.push([server, result.value]);
      else
        this.log('warn', 'upstream left out of the list', {
          server: server.name,
          kind,
          error: result.reason,
        });
    });
    return out;
  }

  private merge(
    perServer: Array<[ServerEntry, ListItem[]]>,
    map: (s: ServerEntry, i: ListItem) => ListItem | null,
  ) {
    const seen = new Set<string>();
    const out: ListItem[] = [];
    for (const [server, items] of perServer) {
      for (const item of items) {
        const exposed = map(server, item);
        if (!exposed) continue;
        const name = String(exposed['name']);
        if (seen.has(name)) {
          this.log('warn', 'name collision: later definition left out', { server: server.name, name });
          continue;
        }
        seen.add(name);
        out.push(exposed);
      }
    }
    return out;
  }
}
