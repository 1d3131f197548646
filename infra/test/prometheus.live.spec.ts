// Starts a real Prometheus (Debian's `prometheus` binary) on loopback with the scrape jobs of
// infra/prometheus/prometheus.yml and infra/k8s/monitoring/prometheus-scrape.yml — service discovery
// swapped for static targets — and the alert rules, against tiny local HTTP servers that serve
// Bastion's metric names. Then asks Prometheus' HTTP API whether the targets are up, the metrics
// were scraped, the relabelling produced the expected labels, the rules evaluate, and every
// dashboard query runs.
//
// To point it at the real apps later, replace `startFakeApp` by the apps' listeners: everything
// after "the targets" only needs host:port pairs serving /metrics and /readyz.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dashboardPrometheusQueries,
  infraPath,
  readYaml,
  requireBinary,
  substituteGrafanaVariables,
} from './support';

const LOOPBACK = '127.0.0.1';
const WAIT_MS = 25_000;

interface FakeApp {
  server: Server;
  port: number;
  address: string;
}

/** An HTTP server on loopback serving Prometheus text on /metrics and a status on /readyz. */
async function startFakeApp(options: { metrics: () => string; ready: boolean }): Promise<FakeApp> {
  const server = createServer((request, response) => {
    if (request.url === '/metrics') {
      response
        .writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
        .end(options.metrics());
    } else if (request.url === '/readyz') {
      response
        .writeHead(options.ready ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: options.ready ? 'ready' : 'starting' }));
    } else if (request.url === '/healthz') {
      response.writeHead(200).end('{"status":"ok"}');
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, LOOPBACK, done));
  const { port } = server.address() as AddressInfo;
  return { server, port, address: `${LOOPBACK}:${port}` };
}

/** Prometheus text for an api process. */
function apiMetrics(version: number): string {
  return [
    '# HELP bastion_config_version Config version published (api) or applied (proxy) by this process.',
    '# TYPE bastion_config_version gauge',
    `bastion_config_version{app="bastion-api"} ${version}`,
    '# TYPE process_cpu_seconds_total counter',
    `process_cpu_seconds_total{app="bastion-api"} ${(process.cpuUsage().user / 1e6).toFixed(3)}`,
    '# TYPE process_resident_memory_bytes gauge',
    `process_resident_memory_bytes{app="bastion-api"} ${process.memoryUsage().rss}`,
    '',
  ].join('\n');
}

/** Prometheus text for a worker whose counters grow at every scrape. */
function workerMetrics(version: number): () => string {
  let scrapes = 0;
  return () => {
    scrapes += 1;
    const n = scrapes * 100;
    const buckets: [string, number][] = [
      ['0.05', 0.5],
      ['0.1', 0.8],
      ['0.5', 0.95],
      ['1', 0.99],
      ['2.5', 1],
      ['+Inf', 1],
    ];
    return [
      '# TYPE mcp_requests_total counter',
      `mcp_requests_total{app="bastion-proxy",method="tools/call",status="ok"} ${n}`,
      `mcp_requests_total{app="bastion-proxy",method="tools/list",status="ok"} ${n / 2}`,
      `mcp_requests_total{app="bastion-proxy",method="tools/call",status="error"} ${scrapes}`,
      '# TYPE mcp_request_duration_seconds histogram',
      ...buckets.map(
        ([le, share]) =>
          `mcp_request_duration_seconds_bucket{app="bastion-proxy",method="tools/call",le="${le}"} ${Math.round(n * share)}`,
      ),
      `mcp_request_duration_seconds_sum{app="bastion-proxy",method="tools/call"} ${n * 0.07}`,
      `mcp_request_duration_seconds_count{app="bastion-proxy",method="tools/call"} ${n}`,
      '# TYPE mcp_tool_calls_total counter',
      `mcp_tool_calls_total{app="bastion-proxy",server="memory",tool="create_entities",status="ok"} ${n}`,
      `mcp_tool_calls_total{app="bastion-proxy",server="memory",tool="create_entities",status="error"} ${scrapes}`,
      '# TYPE mcp_active_sessions gauge',
      'mcp_active_sessions{app="bastion-proxy"} 4',
      '# TYPE mcp_guardrail_actions_total counter',
      `mcp_guardrail_actions_total{app="bastion-proxy",detector="secrets",action="redact",direction="output"} ${scrapes}`,
      '# TYPE mcp_upstream_errors_total counter',
      `mcp_upstream_errors_total{app="bastion-proxy",server="memory",kind="timeout"} ${scrapes}`,
      '# TYPE bastion_upstream_restarts_total counter',
      'bastion_upstream_restarts_total{app="bastion-proxy",server="memory"} 0',
      '# TYPE bastion_audit_dropped_total counter',
      'bastion_audit_dropped_total{app="bastion-proxy"} 0',
      '# TYPE bastion_audit_queue_depth gauge',
      'bastion_audit_queue_depth{app="bastion-proxy"} 3',
      '# TYPE bastion_config_version gauge',
      `bastion_config_version{app="bastion-proxy"} ${version}`,
      '# TYPE process_cpu_seconds_total counter',
      `process_cpu_seconds_total{app="bastion-proxy"} ${scrapes / 100}`,
      '# TYPE process_resident_memory_bytes gauge',
      'process_resident_memory_bytes{app="bastion-proxy"} 123456789',
      '# TYPE nodejs_eventloop_lag_p99_seconds gauge',
      'nodejs_eventloop_lag_p99_seconds{app="bastion-proxy"} 0.012',
      '',
    ].join('\n');
  };
}

/** A stand-in for the blackbox exporter: GETs `target` and answers probe_success 1 or 0. */
async function startFakeBlackbox(modules: string[]): Promise<FakeApp> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
    const target = url.searchParams.get('target') ?? '';
    modules.push(url.searchParams.get('module') ?? '');
    if (url.pathname !== '/probe' || !target.startsWith(`http://${LOOPBACK}:`)) {
      response.writeHead(400).end('bad probe');
      return;
    }
    fetch(target, { signal: AbortSignal.timeout(2000) })
      .then((answer) => answer.status === 200)
      .catch(() => false)
      .then(
        (ok) => {
          response
            .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
            .end(`# TYPE probe_success gauge\nprobe_success ${ok ? 1 : 0}\n`);
        },
        () => response.writeHead(500).end(),
      );
  });
  await new Promise<void>((done) => server.listen(0, LOOPBACK, done));
  const { port } = server.address() as AddressInfo;
  return { server, port, address: `${LOOPBACK}:${port}` };
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((done) => server.listen(0, LOOPBACK, done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('a real Prometheus scraping Bastion-shaped targets', () => {
  const blackboxModules: string[] = [];
  const servers: Server[] = [];
  let prometheus: ChildProcess | undefined;
  let prometheusLog = '';
  let scratch = '';
  let baseUrl = '';
  let api: FakeApp;
  let ready: FakeApp;
  let starting: FakeApp;
  let blackbox: FakeApp;

  async function query<T = any>(path: string): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(5000) });
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${path}: ${body.error ?? response.status}`);
    return body.data;
  }

  const instant = (expr: string) =>
    query<{ resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] }>(
      `/api/v1/query?query=${encodeURIComponent(expr)}`,
    ).then((data) => data.result);

  /** Polls `check` until it returns without throwing, or fails with its last error and Prometheus' log. */
  async function eventually<T>(what: string, check: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + WAIT_MS;
    let last: unknown;
    while (Date.now() < deadline) {
      if (prometheus?.exitCode !== null && prometheus?.exitCode !== undefined) break;
      try {
        return await check();
      } catch (error) {
        last = error;
        await sleep(250);
      }
    }
    throw new Error(`${what}: ${String(last)}\n--- prometheus log (tail) ---\n${prometheusLog.slice(-3000)}`);
  }

  // A failed start is reported by every test (with the install hint when the binary is missing), never
  // as skipped tests.
  let setupError: Error | undefined;
  const started = (): void => {
    if (setupError) throw setupError;
  };

  beforeAll(async () => {
    try {
      await start();
    } catch (error) {
      setupError = error instanceof Error ? error : new Error(String(error));
    }
  });

  async function start(): Promise<void> {
    requireBinary('prometheus');
    scratch = mkdtempSync(join(tmpdir(), 'bastion-infra-prometheus-'));

    // --- the targets: an api, a ready worker, a worker still loading its snapshot (one version behind)
    api = await startFakeApp({ metrics: () => apiMetrics(7), ready: true });
    ready = await startFakeApp({ metrics: workerMetrics(7), ready: true });
    starting = await startFakeApp({ metrics: workerMetrics(6), ready: false });
    blackbox = await startFakeBlackbox(blackboxModules);
    servers.push(api.server, ready.server, starting.server, blackbox.server);

    // --- the configuration: the real jobs, with service discovery replaced by these targets
    const compose = readYaml('prometheus/prometheus.yml');
    const job = (name: string) =>
      structuredClone((compose.scrape_configs as any[]).find((j) => j.job_name === name));
    const apiJob = job('bastion-api');
    apiJob.static_configs = [{ targets: [api.address] }];
    const proxyJob = job('bastion-proxy');
    delete proxyJob.dns_sd_configs;
    proxyJob.static_configs = [{ targets: [ready.address, starting.address] }];
    const readinessJob = job('bastion-readiness');
    readinessJob.static_configs = [
      { targets: [`http://${api.address}/readyz`], labels: { app: 'bastion-api' } },
      // What Docker DNS service discovery yields for the `proxy` service.
      { targets: [ready.address, starting.address], labels: { __meta_dns_name: 'proxy' } },
    ];
    delete readinessJob.dns_sd_configs;
    readinessJob.relabel_configs.at(-1).replacement = blackbox.address;

    const k8s = readYaml('k8s/monitoring/prometheus-scrape.yml');
    const podsJob = structuredClone(
      (k8s.scrape_configs as any[]).find((j) => j.job_name === 'kubernetes-pods'),
    );
    delete podsJob.kubernetes_sd_configs;
    // What Kubernetes pod discovery yields for an annotated proxy pod (its address carries no port, the
    // annotation does) and for a pod without the scrape annotation.
    podsJob.static_configs = [
      {
        targets: [LOOPBACK],
        labels: {
          __meta_kubernetes_namespace: 'bastion',
          __meta_kubernetes_pod_name: 'bastion-proxy-7d9f-abcde',
          __meta_kubernetes_pod_phase: 'Running',
          __meta_kubernetes_pod_label_app_kubernetes_io_name: 'bastion-proxy',
          __meta_kubernetes_pod_annotation_prometheus_io_scrape: 'true',
          __meta_kubernetes_pod_annotation_prometheus_io_port: String(ready.port),
          __meta_kubernetes_pod_annotation_prometheus_io_path: '/metrics',
        },
      },
      {
        targets: [`${LOOPBACK}:9`],
        labels: {
          __meta_kubernetes_namespace: 'kube-system',
          __meta_kubernetes_pod_name: 'unrelated',
          __meta_kubernetes_pod_phase: 'Running',
        },
      },
    ];

    const config = {
      global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
      rule_files: [infraPath('prometheus/rules/bastion.rules.yml')],
      scrape_configs: [apiJob, proxyJob, readinessJob, podsJob],
    };
    const configFile = join(scratch, 'prometheus.yml');
    writeFileSync(configFile, stringify(config));

    const port = await freePort();
    baseUrl = `http://${LOOPBACK}:${port}`;
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${join(scratch, 'data')}`,
        `--web.listen-address=${LOOPBACK}:${port}`,
        '--storage.tsdb.retention.time=1h',
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    prometheus.stdout!.on('data', (chunk: Buffer) => (prometheusLog += chunk.toString()));
    prometheus.stderr!.on('data', (chunk: Buffer) => (prometheusLog += chunk.toString()));
    await eventually('Prometheus ready', async () => {
      const response = await fetch(`${baseUrl}/-/ready`, { signal: AbortSignal.timeout(2000) });
      if (response.status !== 200) throw new Error(`/-/ready answered ${response.status}`);
    });
  }

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((done) => prometheus!.once('exit', done));
      prometheus.kill('SIGTERM');
      const timer = setTimeout(() => prometheus?.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('sees both workers and the api up (/api/v1/targets)', async () => {
    started();
    const targets = await eventually('targets up', async () => {
      const data = await query<{ activeTargets: any[] }>('/api/v1/targets?state=active');
      const pool = (name: string) => data.activeTargets.filter((t) => t.scrapePool === name);
      const workers = pool('bastion-proxy');
      if (workers.length !== 2 || workers.some((t) => t.health !== 'up'))
        throw new Error(JSON.stringify(workers));
      if (pool('bastion-api')[0]?.health !== 'up') throw new Error(JSON.stringify(pool('bastion-api')));
      return data.activeTargets;
    });
    const workers = targets.filter((t) => t.scrapePool === 'bastion-proxy');
    expect(workers.map((t) => t.scrapeUrl).sort()).toEqual(
      [`http://${ready.address}/metrics`, `http://${starting.address}/metrics`].sort(),
    );
    expect(workers.every((t) => t.labels.job === 'bastion-proxy')).toBe(true);
  });

  it('scraped the metrics of both workers (/api/v1/query)', async () => {
    started();
    const series = await eventually('mcp_requests_total from both workers', async () => {
      const result = await instant('sum by (instance) (mcp_requests_total{job="bastion-proxy", pod=""})');
      if (result.length !== 2) throw new Error(JSON.stringify(result));
      return result;
    });
    expect(series.map((s) => s.metric['instance']).sort()).toEqual([ready.address, starting.address].sort());
    expect((await instant('count(up{job="bastion-proxy", pod=""} == 1)'))[0]?.value[1]).toBe('2');
    const versions = await instant('bastion_config_version{pod=""}');
    expect(Object.fromEntries(versions.map((s) => [s.metric['instance'], s.value[1]]))).toEqual({
      [api.address]: '7',
      [ready.address]: '7',
      [starting.address]: '6',
    });
    const rate = await eventually('a request rate', async () => {
      const result = await instant('sum(rate(mcp_requests_total[10s]))');
      if (!(Number(result[0]?.value[1]) > 0)) throw new Error(JSON.stringify(result));
      return Number(result[0].value[1]);
    });
    expect(rate).toBeGreaterThan(0);
  });

  it('probes /readyz through the blackbox relabelling: api and ready worker 1, loading worker 0', async () => {
    started();
    const probes = await eventually('probe_success for three targets', async () => {
      const result = await instant('probe_success{job="bastion-readiness"}');
      if (result.length !== 3) throw new Error(JSON.stringify(result));
      return result;
    });
    const byInstance = Object.fromEntries(
      probes.map((s) => [s.metric['instance'], { app: s.metric['app'], value: s.value[1] }]),
    );
    expect(byInstance).toEqual({
      [`http://${api.address}/readyz`]: { app: 'bastion-api', value: '1' },
      [`http://${ready.address}/readyz`]: { app: 'bastion-proxy', value: '1' },
      [`http://${starting.address}/readyz`]: { app: 'bastion-proxy', value: '0' },
    });
    expect(new Set(blackboxModules)).toEqual(new Set(['http_ready']));
  });

  it('turns Kubernetes pod annotations into a bastion-proxy target on the annotated port', async () => {
    started();
    const data = await eventually('the annotated pod scraped', async () => {
      const targets = await query<{ activeTargets: any[]; droppedTargets: any[] }>('/api/v1/targets');
      const pods = targets.activeTargets.filter((t) => t.scrapePool === 'kubernetes-pods');
      if (pods.length !== 1 || pods[0].health !== 'up') throw new Error(JSON.stringify(pods));
      return targets;
    });
    const [pod] = data.activeTargets.filter((t) => t.scrapePool === 'kubernetes-pods');
    expect(pod.scrapeUrl).toBe(`http://${ready.address}/metrics`);
    expect(pod.labels).toMatchObject({
      job: 'bastion-proxy',
      namespace: 'bastion',
      pod: 'bastion-proxy-7d9f-abcde',
    });
    expect(
      data.droppedTargets.some((t) => t.discoveredLabels?.__meta_kubernetes_pod_name === 'unrelated'),
    ).toBe(true);
  });

  it('evaluates every alert rule without error, and the scraped state drives them', async () => {
    started();
    const rules = await eventually('all rules evaluated, skew and not-ready pending', async () => {
      const data = await query<{ groups: { rules: any[] }[] }>('/api/v1/rules');
      const all = data.groups.flatMap((group) => group.rules);
      if (all.length === 0 || all.some((rule) => rule.lastEvaluation?.startsWith('0001-')))
        throw new Error('not evaluated yet');
      const state = Object.fromEntries(all.map((rule) => [rule.name, rule.state]));
      if (state['BastionConfigVersionSkew'] !== 'pending' || state['BastionWorkerNotReady'] !== 'pending') {
        throw new Error(JSON.stringify(state));
      }
      return all;
    });
    const groups = readYaml('prometheus/rules/bastion.rules.yml').groups as { rules: unknown[] }[];
    expect(rules.length).toBe(groups.flatMap((group) => group.rules).length);
    for (const rule of rules) {
      expect(rule.health, `${rule.name as string}: ${rule.lastError as string}`).toBe('ok');
    }
    const state = Object.fromEntries(rules.map((rule) => [rule.name, rule.state]));
    // One worker is a version behind and not ready: pending (their `for` has not elapsed).
    expect(state).toMatchObject({
      BastionConfigVersionSkew: 'pending',
      BastionWorkerNotReady: 'pending',
      BastionWorkerDown: 'inactive',
      BastionNoHealthyWorkers: 'inactive',
      BastionApiDown: 'inactive',
      BastionApiNotReady: 'inactive',
      BastionAuditEventsDropped: 'inactive',
    });
  });

  it('runs every Prometheus query of the dashboards', async () => {
    started();
    await eventually('a histogram quantile', async () => {
      const result = await instant(
        'histogram_quantile(0.95, sum by (le) (rate(mcp_request_duration_seconds_bucket[10s])))',
      );
      if (!(Number(result[0]?.value[1]) > 0)) throw new Error(JSON.stringify(result));
    });
    const queries = dashboardPrometheusQueries('grafana/dashboards/bastion-overview.json');
    expect(queries.length).toBeGreaterThan(30);
    const empty: string[] = [];
    for (const { panel, expr } of queries) {
      const result = await instant(substituteGrafanaVariables(expr)).catch((error: unknown) => {
        throw new Error(`${panel}: ${expr}: ${String(error)}`);
      });
      if (result.length === 0) empty.push(panel);
    }
    // With these targets every panel has data, except the ones that only show trouble.
    expect(empty.sort()).toEqual([]);
  });
});
