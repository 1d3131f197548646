import { SPAN_NAMES } from '@bastion/observability';
import type { UpstreamCaller, UpstreamPool } from '@bastion/upstream';
import type { McpCatalog, ProjectScope } from '../catalog/mcp-catalog';
import { McpError } from '../mcp/mcp-error';
import { inSpan, traceUpstream } from '../observability/tracing';
import type { GuardrailStage } from './guardrail.stage';
import { toMcpError } from './upstream-errors';

/** One tool call as the pipeline receives it. */
export interface ToolCallRequest {
  scope: ProjectScope;
  keyId: string;
  name: string;
  args: Record<string, unknown>;
  meta?: Record<string, unknown>;
  signal: AbortSignal;
  onProgress?: (progress: { progress: number; total?: number; message?: string }) => void;
  traceparent?: string;
  /** The client request it serves (server requests and log messages are attributed to it). */
  caller?: UpstreamCaller;
}

/**
 * The one path every tool call takes: route → input guardrails → upstream → output guardrails.
 * There is no other way to reach an upstream tool.
 */
export class ToolCallPipeline {
  constructor(
    private readonly catalog: McpCatalog,
    private readonly pool: UpstreamPool,
    private readonly guardrails: GuardrailStage,
  ) {}

  async run(request: ToolCallRequest): Promise<Record<string, unknown>> {
    const route = await this.catalog.routeTool(request.scope, request.name).catch((error) => {
      throw toMcpError(error);
    });
    if (!route) throw McpError.of('invalidParams', `Unknown tool: ${request.name}`);
    const call = {
      projectId: request.scope.projectId,
      keyId: request.keyId,
      sessionId: request.scope.sessionId,
      server: route.server,
      tool: route.upstreamName,
      inputSchema: schemaOf(route.definition),
    };
    const args = await inSpan(SPAN_NAMES.inputGuardrails, () => this.guardrails.input(call, request.args));
    const params: Record<string, unknown> = { name: route.upstreamName, arguments: args };
    if (request.meta) params['_meta'] = request.meta;
    try {
      // The upstream's traceparent names the upstream call's span (the client's, without an SDK).
      const result = await traceUpstream(route.server, 'tools/call', (traceparent) =>
        this.pool.request(
          { projectId: call.projectId, server: route.server, sessionId: call.sessionId },
          'tools/call',
          params,
          {
            operation: 'call',
            signal: request.signal,
            onProgress: request.onProgress,
            traceparent: traceparent ?? request.traceparent,
            caller: request.caller,
          },
        ),
      );
      return await inSpan(SPAN_NAMES.outputGuardrails, () => this.guardrails.output(call, result));
    } catch (error) {
      throw toMcpError(error);
    }
  }
}

function schemaOf(definition: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const schema = definition?.['inputSchema'];
  return schema !== null && typeof schema === 'object' ? (schema as Record<string, unknown>) : undefined;
}
