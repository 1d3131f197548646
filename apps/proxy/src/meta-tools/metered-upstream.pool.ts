import {
  UpstreamError,
  UpstreamPool,
  type UpstreamPoolOptions,
  type UpstreamRequestOptions,
  type UpstreamTarget,
} from '@bastion/upstream';
import { performance } from 'node:perf_hooks';
import type { CallLatencyRecorder, CallOutcome } from './call-latency.recorder';

function outcomeOf(error: unknown): CallOutcome {
  return error instanceof UpstreamError ? error.failure : 'unavailable';
}

/**
 * The upstream pool, measuring every request into a {@link CallLatencyRecorder}. A subclass rather
 * than a wrapper because the pipeline, catalog and dispatcher are typed against UpstreamPool (a
 * class with private state), so this drops in at the composition root and nothing else changes;
 * every path to an upstream (tool calls, lists, prompts, resources) is measured in one place.
 */
/** Told about every finished upstream request (for Prometheus counters). */
export type UpstreamOutcomeListener = (
  target: UpstreamTarget,
  method: string,
  params: Record<string, unknown> | undefined,
  outcome: CallOutcome,
) => void;

export class MeteredUpstreamPool extends UpstreamPool {
  constructor(
    options: UpstreamPoolOptions,
    private readonly recorder: CallLatencyRecorder,
    private readonly onOutcome?: UpstreamOutcomeListener,
  ) {
    super(options);
  }

  override async request(
    target: UpstreamTarget,
    method: string,
    params: Record<string, unknown> | undefined,
    options: UpstreamRequestOptions,
  ): Promise<Record<string, unknown>> {
    const started = performance.now();
    const { timeouts } = target.server;
    const budgetMs = options.operation === 'call' ? timeouts.callMs : timeouts.discoveryMs;
    const series = { projectId: target.projectId, serverId: target.server.id, operation: options.operation };
    try {
      const result = await super.request(target, method, params, options);
      this.recorder.record(series, performance.now() - started, budgetMs, 'ok');
      this.onOutcome?.(target, method, params, 'ok');
      return result;
    } catch (error) {
      this.recorder.record(series, performance.now() - started, budgetMs, outcomeOf(error));
      this.onOutcome?.(target, method, params, outcomeOf(error));
      throw error;
    }
  }
}
