import type { UpstreamFailure, UpstreamOperation } from '@bastion/upstream';

/** Latency percentiles are taken over this many most recent requests per server and operation. */
export const LATENCY_WINDOW = 512;
// Bounds memory when projects and servers come and go: the oldest series is dropped first.
const MAX_SERIES = 2_048;

/** How an upstream request ended: answered, or the pool's failure kind. */
export type CallOutcome = 'ok' | UpstreamFailure;

/** What was observed for one server and operation type. */
export interface OperationFigures {
  calls: number;
  errors: number;
  timeouts: number;
  cancelled: number;
  /** Requests that took more than the slow-call share of their budget. */
  slow: number;
  /** Null until a request finished. */
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
}

const OPERATIONS: readonly UpstreamOperation[] = ['discovery', 'call'];

function percentile(sorted: Float64Array, share: number): number | null {
  if (sorted.length === 0) return null;
  const value = sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)];
  return Math.round(value * 10) / 10;
}

class OperationSeries {
  private readonly counts = { calls: 0, errors: 0, timeouts: 0, cancelled: 0, slow: 0 };
  private readonly samples = new Float64Array(LATENCY_WINDOW);
  private next = 0;
  private filled = 0;

  add(elapsedMs: number, outcome: CallOutcome, slow: boolean): void {
    this.counts.calls += 1;
    if (outcome === 'cancelled') {
      // A cancelled request measures the caller's patience, not the server.
      this.counts.cancelled += 1;
      return;
    }
    if (outcome !== 'ok') this.counts.errors += 1;
    if (outcome === 'timeout') this.counts.timeouts += 1;
    if (slow) this.counts.slow += 1;
    this.samples[this.next] = elapsedMs;
    this.next = (this.next + 1) % LATENCY_WINDOW;
    this.filled = Math.min(this.filled + 1, LATENCY_WINDOW);
  }

  figures(): OperationFigures {
    const sorted = this.samples.slice(0, this.filled).sort();
    return {
      ...this.counts,
      p50Ms: percentile(sorted, 0.5),
      p95Ms: percentile(sorted, 0.95),
      maxMs: percentile(sorted, 1),
    };
  }
}

type ServerSeries = Record<UpstreamOperation, OperationSeries>;

/**
 * In-memory figures of the upstream requests this worker made, per project, server and operation
 * type: counts of calls, errors, timeouts and slow calls, and latency percentiles over a window.
 */
export class CallLatencyRecorder {
  /** When this worker started recording (figures are since then). */
  readonly since = new Date();
  private readonly series = new Map<string, ServerSeries>();

  constructor(
    /** A request is slow past this share of its budget (the pool's slow-call warning ratio). */
    readonly slowCallRatio: number,
  ) {}

  /** Records one finished request. */
  record(
    target: { projectId: string; serverId: string; operation: UpstreamOperation },
    elapsedMs: number,
    budgetMs: number,
    outcome: CallOutcome,
  ): void {
    const key = `${target.projectId} ${target.serverId}`;
    let entry = this.series.get(key);
    if (!entry) {
      if (this.series.size >= MAX_SERIES) this.series.delete(this.series.keys().next().value!);
      entry = { discovery: new OperationSeries(), call: new OperationSeries() };
      this.series.set(key, entry);
    }
    entry[target.operation].add(elapsedMs, outcome, elapsedMs > budgetMs * this.slowCallRatio);
  }

  /** The figures of one server in one project (zeros when nothing was recorded). */
  figures(projectId: string, serverId: string): Record<UpstreamOperation, OperationFigures> {
    const entry = this.series.get(`${projectId} ${serverId}`) ?? {
      discovery: new OperationSeries(),
      call: new OperationSeries(),
    };
    return Object.fromEntries(
      OPERATIONS.map((operation) => [operation, entry[operation].figures()]),
    ) as Record<UpstreamOperation, OperationFigures>;
  }
}
