import type { ProjectScope } from '../catalog/mcp-catalog';
import type { DispatchContext } from '../mcp/mcp-dispatcher';

/** What a meta-tool knows about the request it serves. */
export interface MetaToolContext {
  /** The request as the dispatcher received it; `request.scope.servers` holds all the project's servers. */
  request: DispatchContext;
  /** The servers whose tools clients reach while meta-tools are on (those with the reserved prefix left out). */
  visible: ProjectScope;
}

/** One meta-tool, ready to list and call. */
export interface MetaTool {
  /** The exposed name, `bastion__<tool>`. */
  readonly name: string;
  /** Its tools/list entry (name, title, description, inputSchema, annotations). */
  readonly definition: Record<string, unknown>;
  /** Validates the arguments (-32602 when wrong) and answers with an MCP tool result. */
  call(context: MetaToolContext, args: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/** Structured log sink of the meta-tools (the runtime's winston logger). */
export type MetaToolsLog = (level: 'warn', message: string, fields: Record<string, unknown>) => void;
