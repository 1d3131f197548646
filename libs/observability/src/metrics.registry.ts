import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** Metric names used across Bastion (see ARCHITECTURE.md → Observability). */
export const METRIC_NAMES = {
  configVersion: 'bastion_config_version',
  outboxPending: 'bastion_outbox_pending',
  httpRequests: 'bastion_http_requests_total',
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
