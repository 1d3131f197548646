import { METRIC_NAMES } from '@bastion/observability';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { LIST_LOOKUP_RESULTS, LIST_METHODS, type ListKind } from '../catalog/upstream-list.cache';
import { MONITOR_RESULTS } from '../pipeline/guardrail-monitor.queue';

/** Live figures the metrics read at scrape time. */
export interface ProxyMetricSources {
  upstream: () => { connections: number; processes: number; restarts: number };
  /** Sessions seen recently on this worker (streams open or requests within the window). */
  activeSessions: () => number;
  /** The audit publisher's buffer. */
  audit: () => { buffered: number; dropped: number };
}

/**
 * The worker's Prometheus metrics (names in ARCHITECTURE.md → Observability). Counters a failure
 * would first increment exist at 0 from start-up, so alerts see the first increase.
 */
export class ProxyMetrics {
  readonly requests: Counter<'method' | 'status'>;
  readonly requestDuration: Histogram<'method'>;
  readonly toolCalls: Counter<'server' | 'tool' | 'status'>;
  readonly guardrailActions: Counter<'detector' | 'action' | 'direction'>;
  readonly upstreamErrors: Counter<'server' | 'kind'>;
  /** Upstream list lookups (tools, prompts, resources…) by list kind and cache outcome. */
  readonly toolCacheLookups: Counter<'kind' | 'result'>;
  /** Monitor-mode guardrail evaluations by what became of them (queued here, run here, dropped…). */
  readonly guardrailMonitorJobs: Counter<'result'>;
  /** Rules of monitor-mode policies that fired: what enforce mode would have blocked, redacted or warned. */
  readonly guardrailMonitorFindings: Counter<'detector' | 'action' | 'direction'>;

  constructor(registry: Registry, sources: ProxyMetricSources) {
    const registers = [registry];
    this.requests = new Counter({
      name: METRIC_NAMES.mcpRequests,
      help: 'MCP requests by method and outcome.',
      labelNames: ['method', 'status'],
      registers,
    });
    this.requestDuration = new Histogram({
      name: METRIC_NAMES.mcpRequestDuration,
      help: 'MCP request duration in seconds.',
      labelNames: ['method'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.toolCalls = new Counter({
      name: METRIC_NAMES.mcpToolCalls,
      help: 'Tool calls by server, tool and outcome.',
      labelNames: ['server', 'tool', 'status'],
      registers,
    });
    this.guardrailActions = new Counter({
      name: METRIC_NAMES.mcpGuardrailActions,
      help: 'Guardrail rules that fired, by detector, action and direction.',
      labelNames: ['detector', 'action', 'direction'],
      registers,
    });
    this.upstreamErrors = new Counter({
      name: METRIC_NAMES.mcpUpstreamErrors,
      help: 'Upstream failures by server and kind.',
      labelNames: ['server', 'kind'],
      registers,
    });
    this.toolCacheLookups = new Counter({
      name: METRIC_NAMES.toolCacheLookups,
      help: 'Upstream list lookups by list kind and result (hit, miss, error: Redis unreadable).',
      labelNames: ['kind', 'result'],
      registers,
    });
    // Every series exists from start-up (12 of them), so a hit ratio is defined from the first scrape.
    for (const kind of Object.keys(LIST_METHODS) as ListKind[])
      for (const result of LIST_LOOKUP_RESULTS) this.toolCacheLookups.inc({ kind, result }, 0);
    this.guardrailMonitorJobs = new Counter({
      name: METRIC_NAMES.guardrailMonitorJobs,
      help:
        'Monitor-mode guardrail evaluations: queued by this worker, dropped (too large or Redis refused), ' +
        'evaluated, skipped (policy or server gone) or failed on this worker.',
      labelNames: ['result'],
      registers,
    });
    for (const result of MONITOR_RESULTS) this.guardrailMonitorJobs.inc({ result }, 0);
    this.guardrailMonitorFindings = new Counter({
      name: METRIC_NAMES.guardrailMonitorFindings,
      help: 'Rules of monitor-mode guardrail policies that fired (enforce mode would have acted).',
      labelNames: ['detector', 'action', 'direction'],
      registers,
    });
    this.sourceGauges(registry, sources);
  }

  private sourceGauges(registry: Registry, sources: ProxyMetricSources): void {
    const registers = [registry];
    new Gauge({
      name: METRIC_NAMES.mcpActiveSessions,
      help: 'MCP sessions active on this worker.',
      registers,
      collect() {
        this.set(sources.activeSessions());
      },
    });
    new Gauge({
      name: METRIC_NAMES.upstreamConnections,
      help: 'Open upstream connections.',
      registers,
      collect() {
        this.set(sources.upstream().connections);
      },
    });
    new Gauge({
      name: METRIC_NAMES.upstreamProcesses,
      help: 'Live stdio upstream processes.',
      registers,
      collect() {
        this.set(sources.upstream().processes);
      },
    });
    new Gauge({
      name: METRIC_NAMES.auditBuffered,
      help: 'Audit events waiting to be delivered.',
      registers,
      collect() {
        this.set(sources.audit().buffered);
      },
    });
    runningTotal(
      registry,
      METRIC_NAMES.auditDropped,
      'Audit events dropped because the buffer was full.',
      () => sources.audit().dropped,
    );
    runningTotal(
      registry,
      METRIC_NAMES.upstreamRestarts,
      'Upstream connections re-opened after a crash or loss.',
      () => sources.upstream().restarts,
    );
  }
}

/** A counter that follows a running total read at scrape time (it exists at 0 from the start). */
function runningTotal(registry: Registry, name: string, help: string, read: () => number): void {
  let reported = 0;
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const total = read();
      if (total > reported) this.inc(total - reported);
      reported = Math.max(reported, total);
    },
  });
}
