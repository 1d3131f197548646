import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** Metric names used across Bastion (see ARCHITECTURE.md → Observability). */
export const METRIC_NAMES = {
  configVersion: 'bastion_config_version',
  outboxPending: 'bastion_outbox_pending',
  httpRequests: 'bastion_http_requests_total',
  mcpRequests: 'mcp_requests_total',
  mcpRequestDuration: 'mcp_request_duration_seconds',
  mcpToolCalls: 'mcp_tool_calls_total',
  mcpActiveSessions: 'mcp_active_sessions',
  mcpGuardrailActions: 'mcp_guardrail_actions_total',
  mcpUpstreamErrors: 'mcp_upstream_errors_total',
  upstreamRestarts: 'bastion_upstream_restarts_total',
  upstreamConnections: 'bastion_upstream_connections',
  upstreamProcesses: 'bastion_upstream_processes',
  toolCacheLookups: 'bastion_tool_cache_lookups_total',
  guardrailMonitorJobs: 'bastion_guardrail_monitor_jobs_total',
  guardrailMonitorFindings: 'bastion_guardrail_monitor_findings_total',
  auditBuffered: 'bastion_audit_buffer_size',
  auditDropped: 'bastion_audit_dropped_total',
  auditQueueDepth: 'bastion_audit_queue_depth',
  auditEventsStored: 'bastion_audit_events_stored_total',
} as const;

/** One registry per app (no global default registry), with process metrics collected. */
export function createMetricsRegistry(app: 'api' | 'proxy'): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app: `bastion-${app}` });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** The config version this process has published (api) or applied (proxy). */
export function createConfigVersionGauge(registry: Registry): Gauge {
  return new Gauge({
    name: METRIC_NAMES.configVersion,
    help: 'Config version published (api) or applied (proxy) by this process.',
    registers: [registry],
  });
}
