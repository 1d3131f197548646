import { z } from 'zod';
import { LATENCY_WINDOW, type CallLatencyRecorder } from './call-latency.recorder';
import { defineMetaTool } from './meta-tool.define';
import type { MetaTool } from './meta-tool.types';

/** bastion__timeout_metrics: configured budgets next to what this worker observed. */
export function timeoutMetricsTool(recorder: CallLatencyRecorder): MetaTool {
  return defineMetaTool({
    tool: 'timeout_metrics',
    title: 'Timeout metrics',
    description:
      'For each server: the configured time budgets in ms (connect, discovery, call), the slow-call threshold, and ' +
      'what this gateway worker observed per operation type (discovery = lists, call = tool calls, prompts, ' +
      'resources): calls, errors, timeouts, cancelled, slow calls, p50/p95/max latency in ms. Counts are since the ' +
      `worker started; percentiles cover its most recent ${LATENCY_WINDOW} requests per server and operation.`,
    args: z.object({}).strict(),
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    run(context) {
      const { projectId, servers } = context.request.scope;
      const ratio = recorder.slowCallRatio;
      return Promise.resolve({
        since: recorder.since.toISOString(),
        slowCallRatio: ratio,
        servers: servers.map((server) => ({
          name: server.name,
          budgets: { ...server.timeouts },
          slowAfterMs: {
            discovery: server.timeouts.discoveryMs * ratio,
            call: server.timeouts.callMs * ratio,
          },
          observed: recorder.figures(projectId, server.id),
        })),
      });
    },
  });
}
