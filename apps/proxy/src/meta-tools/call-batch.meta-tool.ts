import { MCP_ERRORS } from '@bastion/contracts';
import { estimateJsonBytes } from '@bastion/upstream';
import { z } from 'zod';
import { McpError } from '../mcp/mcp-error';
import type { ToolCallPipeline } from '../pipeline/tool-call.pipeline';
import { toMcpError } from '../pipeline/upstream-errors';
import { mapBounded } from './bounded.runner';
import { defineMetaTool } from './meta-tool.define';
import { isReservedName } from './meta-tool.naming';
import type { MetaTool, MetaToolContext } from './meta-tool.types';

/** Limits of bastion__call_batch. */
export const CALL_BATCH_LIMITS = { maxCalls: 50, maxParallel: 16, defaultParallel: 4 } as const;

const callSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(512)
      .describe('Exposed tool name, as tools/list or bastion__discover_tools shows it.'),
    arguments: z.record(z.string(), z.unknown()).optional().describe('The tool arguments; omitted means {}.'),
  })
  .strict();

const callBatchArgs = z
  .object({
    calls: z
      .array(callSchema)
      .min(1)
      .max(CALL_BATCH_LIMITS.maxCalls)
      .describe(`The calls to run (1–${CALL_BATCH_LIMITS.maxCalls}); results come back in this order.`),
    maxParallel: z
      .number()
      .int()
      .min(1)
      .max(CALL_BATCH_LIMITS.maxParallel)
      .default(CALL_BATCH_LIMITS.defaultParallel)
      .describe(`How many calls run at once (1–${CALL_BATCH_LIMITS.maxParallel}).`),
  })
  .strict();

type BatchCall = z.output<typeof callSchema>;
type BatchEntry =
  | { index: number; name: string; ok: true; result: Record<string, unknown> }
  | { index: number; name: string; ok: false; error: { code: number; message: string; data?: unknown } };

function failure(index: number, name: string, error: McpError): BatchEntry {
  const view = {
    code: error.code,
    message: error.message,
    ...(error.data === undefined ? {} : { data: error.data }),
  };
  return { index, name, ok: false, error: view };
}

/** One call of the batch through the one tool-call pipeline (routing, guardrails, upstream). */
async function runOne(pipeline: ToolCallPipeline, context: MetaToolContext, call: BatchCall, index: number) {
  const { request, visible } = context;
  try {
    if (isReservedName(call.name)) {
      throw McpError.of('invalidParams', 'Meta-tools cannot be called from bastion__call_batch.');
    }
    if (request.signal.aborted) throw McpError.of('requestCancelled');
    const result = await pipeline.run({
      scope: visible,
      keyId: request.keyId,
      name: call.name,
      args: call.arguments ?? {},
      signal: request.signal,
      traceparent: request.traceparent,
    });
    return { index, name: call.name, ok: true, result } satisfies BatchEntry;
  } catch (error) {
    return failure(index, call.name, toMcpError(error));
  }
}

/** Keeps the batch's answer within one response's size limit: results past it are dropped (the calls did run). */
function capSize(entries: BatchEntry[], limitBytes: number): BatchEntry[] {
  let used = 0;
  return entries.map((entry) => {
    if (!entry.ok) return entry;
    used += estimateJsonBytes(entry.result, limitBytes + 1);
    if (used <= limitBytes) return entry;
    const message = `The batch passed the response size limit (${limitBytes} bytes): this call ran, its result was dropped.`;
    return failure(entry.index, entry.name, new McpError(MCP_ERRORS.upstreamResponseTooLarge.code, message));
  });
}

/** bastion__call_batch: several tool calls, bounded parallelism, each through the guarded pipeline. */
export function callBatchTool(pipeline: ToolCallPipeline, maxResultBytes: number): MetaTool {
  return defineMetaTool({
    tool: 'call_batch',
    title: 'Call several tools',
    description:
      `Runs several tool calls in one request, at most maxParallel at a time (default ${CALL_BATCH_LIMITS.defaultParallel}, ` +
      `up to ${CALL_BATCH_LIMITS.maxParallel}; up to ${CALL_BATCH_LIMITS.maxCalls} calls). Each call passes the same ` +
      'guardrails as a single tools/call. Returns one entry per call, in the order given: {ok: true, result} with the ' +
      "tool's result, or {ok: false, error: {code, message}}. A failed call does not stop the others. Meta-tools " +
      '(bastion__*) cannot be batched.',
    args: callBatchArgs,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    async run(context, { calls, maxParallel }) {
      const entries = await mapBounded(calls, maxParallel, (call, index) =>
        runOne(pipeline, context, call, index),
      );
      const results = capSize(entries, maxResultBytes);
      const failed = results.filter((entry) => !entry.ok).length;
      return { results, succeeded: results.length - failed, failed };
    },
  });
}
