// The stack's supporting services in docker-compose.yml: HAProxy, the OpenTelemetry Collector, Prometheus, Loki, Grafana.
import { describe, expect, it } from 'vitest';
import { readInfra, readYaml } from './support';

import { healthcheckCommand, services, volumesOf } from './compose.fixture';

describe('load balancer (HAProxy)', () => {
  const cfg = readInfra('haproxy/haproxy.cfg')
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);

  it('balances across every proxy replica found by DNS, health-checked on /readyz', () => {
    const proxyEnv = services['proxy'].environment as Record<string, string>;
    expect(cfg).toContain(`server-template worker 16 proxy:${proxyEnv['PROXY_PORT']}`);
    expect(cfg).toContain('http-check send meth GET uri /readyz');
    expect(cfg.some((line) => /^default-server .*\bcheck\b.*\bresolvers docker\b/.test(line))).toBe(true);
    expect(cfg).toContain('nameserver dns 127.0.0.11:53');
    expect(cfg).toContain('bind :8000');
    expect(services['lb'].ports).toEqual(['${BIND_ADDRESS:-127.0.0.1}:${LB_PORT:-8000}:8000']);
    expect(cfg).toContain('http-request use-service prometheus-exporter if { path /metrics }');
    expect(cfg).toContain('monitor-uri /healthz');
    expect(healthcheckCommand(services['lb'])).toContain('http://127.0.0.1:8404/healthz');
  });

  it('has no sticky sessions', () => {
    for (const line of cfg) {
      expect(line).not.toMatch(/^(cookie|stick|stick-table|appsession)\b/);
      expect(line).not.toMatch(/^balance\s+(source|hdr|url_param|uri)\b/);
      expect(line).not.toMatch(/\bcookie\b/);
    }
    expect(cfg).toContain('balance roundrobin');
  });

  it('does not expose the workers’ /metrics to clients', () => {
    expect(cfg).toContain('http-request deny deny_status 404 if { path_beg /metrics }');
  });
});

describe('OpenTelemetry Collector', () => {
  const config = readYaml('otel-collector/config.yaml');

  it('receives OTLP over gRPC and HTTP', () => {
    expect(config.receivers.otlp.protocols.grpc.endpoint).toBe('0.0.0.0:4317');
    expect(config.receivers.otlp.protocols.http.endpoint).toBe('0.0.0.0:4318');
    expect(services['api'].environment['OTEL_EXPORTER_OTLP_ENDPOINT']).toBe('http://otel-collector:4318');
  });

  it('routes traces to Jaeger, logs to Loki and metrics to a Prometheus exporter', () => {
    const { pipelines } = config.service;
    expect(pipelines.traces.exporters).toEqual(['otlp/jaeger']);
    expect(config.exporters['otlp/jaeger'].endpoint).toBe('jaeger:4317');
    expect(services['jaeger'].environment['COLLECTOR_OTLP_ENABLED']).toBe('true');
    expect(pipelines.logs.exporters).toEqual(['otlphttp/loki']);
    expect(config.exporters['otlphttp/loki'].endpoint).toBe('http://loki:3100/otlp');
    expect(pipelines.metrics.exporters).toEqual(['prometheus']);
    expect(config.exporters.prometheus.endpoint).toBe('0.0.0.0:8889');
  });

  it('every pipeline uses only defined components, and every defined component is used', () => {
    const used = {
      receivers: new Set<string>(),
      processors: new Set<string>(),
      exporters: new Set<string>(),
    };
    for (const [name, pipeline] of Object.entries(config.service.pipelines as Record<string, any>)) {
      expect(pipeline.receivers, name).toEqual(['otlp']);
      for (const kind of ['receivers', 'processors', 'exporters'] as const) {
        for (const component of (pipeline[kind] ?? []) as string[]) {
          expect(Object.keys(config[kind] ?? {}), `${name}: ${kind} ${component}`).toContain(component);
          used[kind].add(component);
        }
      }
      // memory_limiter first, batch last: the collector's recommended order.
      expect(pipeline.processors[0], name).toBe('memory_limiter');
      expect(pipeline.processors.at(-1), name).toBe('batch');
    }
    for (const kind of ['receivers', 'processors', 'exporters'] as const) {
      expect([...used[kind]].sort(), kind).toEqual(Object.keys(config[kind]).sort());
    }
    for (const extension of config.service.extensions as string[])
      expect(config.extensions).toHaveProperty(extension);
  });

  it('exposes its own metrics where Prometheus scrapes them, and the collector container mounts this file', () => {
    const reader = config.service.telemetry.metrics.readers[0].pull.exporter.prometheus;
    expect(`${reader.host}:${reader.port}`).toBe('0.0.0.0:8888');
    const collector = services['otel-collector'];
    expect(volumesOf(collector)).toContainEqual({
      source: './otel-collector/config.yaml',
      target: '/etc/otelcol-contrib/config.yaml',
      type: 'bind',
    });
    expect(collector.command).toEqual(['--config=/etc/otelcol-contrib/config.yaml']);
  });
});

describe('Prometheus (compose)', () => {
  const config = readYaml('prometheus/prometheus.yml');
  const jobs = Object.fromEntries(
    (config.scrape_configs as any[]).map((job) => [job.job_name as string, job]),
  );

  it('scrapes the api, every proxy replica through DNS service discovery, the collector and the load balancer', () => {
    expect(jobs['bastion-api'].static_configs[0].targets).toEqual(['api:8001']);
    expect(jobs['bastion-api'].metrics_path).toBe('/metrics');
    expect(jobs['bastion-proxy'].metrics_path).toBe('/metrics');
    expect(jobs['bastion-proxy'].dns_sd_configs).toEqual([
      expect.objectContaining({ names: ['proxy'], type: 'A', port: 8000 }),
    ]);
    expect(jobs['otel-collector'].static_configs[0].targets).toEqual(['otel-collector:8888']);
    expect(jobs['otel-collector-otlp'].static_configs[0].targets).toEqual(['otel-collector:8889']);
    expect(jobs['lb'].static_configs[0].targets).toEqual(['lb:8404']);
    // Every static target is a compose service.
    for (const job of Object.values(jobs)) {
      for (const target of (job.static_configs ?? []).flatMap((c: any) => c.targets as string[])) {
        const host = target.replace(/^https?:\/\//, '').split(/[:/]/)[0];
        if (host !== 'localhost')
          expect(Object.keys(services), `${job.job_name} → ${target}`).toContain(host);
      }
    }
  });

  it('probes /readyz of the api and of every worker through the blackbox exporter', () => {
    const readiness = jobs['bastion-readiness'];
    expect(readiness.metrics_path).toBe('/probe');
    expect(readiness.params.module).toEqual(['http_ready']);
    expect(readiness.static_configs[0]).toEqual({
      targets: ['http://api:8001/readyz'],
      labels: { app: 'bastion-api' },
    });
    expect(readiness.relabel_configs.at(-1)).toEqual({
      target_label: '__address__',
      replacement: 'blackbox:9115',
    });
    expect(readYaml('blackbox/blackbox.yml').modules.http_ready.http.valid_status_codes).toEqual([200]);
    expect(volumesOf(services['blackbox'])[0].source).toBe('./blackbox/blackbox.yml');
  });

  it('loads the alert rules but not their unit tests', () => {
    expect(config.rule_files).toEqual(['rules/*.rules.yml']);
    expect(volumesOf(services['prometheus'])).toContainEqual({
      source: './prometheus',
      target: '/etc/prometheus',
      type: 'bind',
    });
    expect(services['prometheus'].command).toContain('--config.file=/etc/prometheus/prometheus.yml');
  });
});

describe('Loki and Grafana', () => {
  it('Loki stores on its volume and accepts OTLP logs', () => {
    const loki = readYaml('loki/loki-config.yaml');
    expect(loki.common.path_prefix).toBe('/loki');
    expect(loki.schema_config.configs.at(-1)).toMatchObject({ store: 'tsdb', schema: 'v13' });
    expect(loki.limits_config.allow_structured_metadata).toBe(true);
    expect(loki.server.http_listen_port).toBe(3100);
    expect(services['loki'].command).toEqual(['-config.file=/etc/loki/config.yaml']);
  });

  it('Grafana provisions Prometheus, Loki and Jaeger, pointing at the compose services', () => {
    const { datasources } = readYaml('grafana/provisioning/datasources/datasources.yaml');
    const byType = Object.fromEntries((datasources as any[]).map((ds) => [ds.type as string, ds]));
    expect(byType['prometheus']).toMatchObject({
      uid: 'prometheus',
      url: 'http://prometheus:9090',
      isDefault: true,
    });
    expect(byType['loki']).toMatchObject({ uid: 'loki', url: 'http://loki:3100' });
    expect(byType['jaeger']).toMatchObject({ uid: 'jaeger', url: 'http://jaeger:16686' });
    expect(byType['loki'].jsonData.derivedFields[0].datasourceUid).toBe('jaeger');
    expect(byType['jaeger'].jsonData.tracesToLogsV2.datasourceUid).toBe('loki');
    for (const ds of datasources as any[]) {
      const host = new URL(ds.url as string).hostname;
      expect(Object.keys(services), `${ds.name} → ${host}`).toContain(host);
    }
  });

  it('Grafana loads the dashboards folder the compose file mounts', () => {
    const { providers } = readYaml('grafana/provisioning/dashboards/dashboards.yaml');
    const grafana = services['grafana'];
    const mounts = volumesOf(grafana);
    expect(mounts).toContainEqual({
      source: './grafana/dashboards',
      target: providers[0].options.path,
      type: 'bind',
    });
    expect(mounts).toContainEqual({
      source: './grafana/provisioning',
      target: '/etc/grafana/provisioning',
      type: 'bind',
    });
    expect(grafana.environment['GF_SECURITY_ADMIN_PASSWORD']).toMatch(/^\$\{GRAFANA_ADMIN_PASSWORD:\?/);
    expect(grafana.environment['GF_AUTH_ANONYMOUS_ENABLED']).toBe('false');
  });
});
