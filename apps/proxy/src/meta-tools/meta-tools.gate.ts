import type { ServerEntry } from '@bastion/contracts';
import { LOG_FIELDS } from '@bastion/observability';
import type { McpCatalog, ProjectScope } from '../catalog/mcp-catalog';
import { effectivePrefix } from '../catalog/tool-naming';
import type { ListItem } from '../catalog/upstream-list.cache';
import type { DispatchContext } from '../mcp/mcp-dispatcher';
import { McpError } from '../mcp/mcp-error';
import { META_PREFIX, isReservedName } from './meta-tool.naming';
import type { MetaTool, MetaToolsLog } from './meta-tool.types';

// One warning per project and server is enough; the set is emptied when it grows past this.
const MAX_WARNED = 1_000;

/**
 * The gateway's meta-tools behind the per-config switch (ConfigEntry.metaToolsEnabled). While on,
 * the `bastion__` namespace is the gateway's: meta-tools are listed first, any `bastion__*` call is
 * answered here, and upstream tools that would land in that namespace (a server whose prefix is
 * `bastion`, or an unprefixed server's `bastion__*` tool) are left out, with a warning. While off,
 * nothing changes: the namespace is an ordinary one and unknown names are the pipeline's -32602.
 */
export class MetaTools {
  private readonly byName: ReadonlyMap<string, MetaTool>;
  private readonly definitions: readonly Record<string, unknown>[];
  private readonly warned = new Set<string>();

  constructor(
    tools: readonly MetaTool[],
    private readonly catalog: McpCatalog,
    private readonly log: MetaToolsLog,
  ) {
    this.byName = new Map(tools.map((tool) => [tool.name, tool]));
    this.definitions = tools.map((tool) => tool.definition);
  }

  /** Whether the request's config turned the meta-tools on. */
  enabled(context: DispatchContext): boolean {
    return context.config?.metaToolsEnabled === true;
  }

  /** tools/list: the project's upstream tools, with the meta-tools first when enabled. */
  async tools(context: DispatchContext): Promise<ListItem[]> {
    if (!this.enabled(context)) return this.catalog.tools(context.scope);
    const upstream = await this.catalog.tools(this.visibleScope(context));
    const kept = upstream.filter((tool) => {
      const reserved = isReservedName(String(tool['name']));
      if (reserved)
        this.warnOnce(context.scope.projectId, `tool:${String(tool['name'])}`, { tool: tool['name'] });
      return !reserved;
    });
    return [...this.definitions, ...kept];
  }

  /** Whether a tools/call of this name is answered here rather than by the pipeline. */
  handles(context: DispatchContext, name: string): boolean {
    return this.enabled(context) && isReservedName(name);
  }

  /** Runs a meta-tool; an unknown `bastion__` name is -32602 like any unknown tool. */
  call(
    context: DispatchContext,
    name: string,
    args: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const tool = this.byName.get(name);
    if (!tool) return Promise.reject(McpError.of('invalidParams', `Unknown tool: ${name}`));
    return tool.call({ request: context, visible: this.visibleScope(context) }, args);
  }

  /** The scope without the servers whose prefix is the reserved one. */
  private visibleScope(context: DispatchContext): ProjectScope {
    const { scope } = context;
    const reserved = (server: ServerEntry) => effectivePrefix(server) === META_PREFIX;
    if (!scope.servers.some(reserved)) return scope;
    const servers = scope.servers.filter((server) => {
      if (reserved(server)) this.warnOnce(scope.projectId, server.id, { [LOG_FIELDS.server]: server.name });
      return !reserved(server);
    });
    return { ...scope, servers };
  }

  private warnOnce(projectId: string, subject: string, fields: Record<string, unknown>): void {
    const key = `${projectId} ${subject}`;
    if (this.warned.has(key)) return;
    if (this.warned.size >= MAX_WARNED) this.warned.clear();
    this.warned.add(key);
    this.log(
      'warn',
      `upstream tools in the reserved "${META_PREFIX}__" namespace are hidden while meta-tools are enabled`,
      {
        [LOG_FIELDS.projectId]: projectId,
        ...fields,
      },
    );
  }
}
