import { z } from 'zod';
import { McpError } from '../mcp/mcp-error';
import { metaToolName } from './meta-tool.naming';
import { toolResult } from './meta-tool.result';
import type { MetaTool, MetaToolContext } from './meta-tool.types';

/** MCP tool annotations (hints for clients; never trusted by the gateway itself). */
export interface MetaToolAnnotations {
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** How a meta-tool is declared: its arguments as one zod schema, which also yields its inputSchema. */
export interface MetaToolSpec<S extends z.ZodObject> {
  /** The tool's own name; clients see `bastion__<tool>`. */
  tool: string;
  title: string;
  description: string;
  args: S;
  annotations: MetaToolAnnotations;
  run(context: MetaToolContext, args: z.output<S>): Promise<Record<string, unknown>>;
}

/** The JSON Schema (draft-07, what most MCP clients validate with) of a meta-tool's arguments. */
function inputSchemaOf(args: z.ZodObject): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(args, { target: 'draft-7', io: 'input' });
  return schema;
}

/** Builds a {@link MetaTool}: schema-checked arguments in, an MCP tool result out. */
export function defineMetaTool<S extends z.ZodObject>(spec: MetaToolSpec<S>): MetaTool {
  const name = metaToolName(spec.tool);
  const definition = {
    name,
    title: spec.title,
    description: spec.description,
    inputSchema: inputSchemaOf(spec.args),
    annotations: spec.annotations,
  };
  return {
    name,
    definition,
    async call(context, args) {
      const parsed = spec.args.safeParse(args);
      if (!parsed.success) {
        throw McpError.of('invalidParams', `Invalid arguments for ${name}: ${z.prettifyError(parsed.error)}`);
      }
      return toolResult(await spec.run(context, parsed.data));
    },
  };
}
