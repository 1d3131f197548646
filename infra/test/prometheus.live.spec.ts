// A real Prometheus (Debian's `prometheus` binary) scraping the REAL apps: the api and a proxy worker
// started as child processes on a real Postgres database and real Redis, plus a second worker that
// never gets a snapshot (up, not ready, config version 0). Prometheus runs the shipped jobs of
// infra/prometheus/prometheus.yml and infra/k8s/monitoring/prometheus-scrape.yml, changed only in
// where their targets come from, and the shipped alert rules. After real MCP traffic through the
// worker (a tool call, a guardrail block, an upstream crash) the test asks Prometheus' HTTP API
// whether the targets are up, the apps' metrics were scraped, the relabelling produced the expected
// labels, the rules evaluate, and every dashboard query runs and has data.
//
// Without the prometheus binary every test fails with the install hint; it is never skipped.
import { MCP_ERRORS } from '@bastion/contracts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BastionApps, BLOCKED_WORD } from './bastion-apps.fixture';
import {
  addressOf,
  closeServer,
  liveScrapeConfig,
  LOOPBACK,
  PrometheusProcess,
  startBlackbox,
  type Sample,
} from './prometheus.fixture';
import { dashboardPrometheusQueries, readYaml, requireBinary, substituteGrafanaVariables } from './support';

const hostOf = (service: { port: number }) => `${LOOPBACK}:${service.port}`;
/** Each sample's value, keyed by the values of its `keys` labels joined with '/'. */
const byLabels = (samples: Sample[], ...keys: string[]) =>
  Object.fromEntries(samples.map((s) => [keys.map((k) => s.metric[k]).join('/'), s.value[1]]));

describe('a real Prometheus scraping the real api and proxy', () => {
  const blackboxModules: string[] = [];
  let apps: BastionApps | undefined;
  let blackbox: Server | undefined;
  let prometheus: PrometheusProcess;
  let scratch = '';
  let api = '';
  let ready = '';
  let loading = '';

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
  }, 180_000);

  async function start(): Promise<void> {
    requireBinary('prometheus'); // before spending time on the apps
    apps = await BastionApps.start();
    [api, ready, loading] = [apps.api, apps.ready, apps.loading].map(hostOf);
    blackbox = await startBlackbox(blackboxModules);
    scratch = mkdtempSync(join(tmpdir(), 'bastion-infra-prometheus-'));
    const configFile = join(scratch, 'prometheus.yml');
    const config = liveScrapeConfig({
      api,
      workers: [ready, loading],
      annotatedWorkerPort: apps.ready.port,
      blackbox: addressOf(blackbox),
    });
    writeFileSync(configFile, stringify(config));
    prometheus = await PrometheusProcess.start(configFile, scratch);
    await sendTraffic(apps);
  }

  /**
   * One tool call, then — once Prometheus holds that sample — a second one, a call the input policy
   * blocks and a call that crashes the upstream. Counters a scrape saw grow give rates above zero.
   * Returns once Prometheus has scraped the result of all four.
   */
  async function sendTraffic(bastion: BastionApps): Promise<void> {
    const first = await bastion.callTool('crash__echo', { message: 'one' });
    expect(first.response?.result?.content).toEqual([{ type: 'text', text: 'one' }]);
    await prometheus.eventually('the first tool call scraped', async () => {
      const samples = await prometheus.instant('mcp_requests_total{method="tools/call", pod=""}');
      if (samples.length === 0) throw new Error('no tools/call sample yet');
    });
    const second = await bastion.callTool('crash__echo', { message: 'two' });
    expect(second.response?.result?.content).toEqual([{ type: 'text', text: 'two' }]);
    const blocked = await bastion.callTool('crash__echo', { message: `a ${BLOCKED_WORD} word` });
    expect(blocked.response?.error?.code).toBe(MCP_ERRORS.guardrailBlocked.code);
    const crashed = await bastion.callTool('crash__crash', {});
    expect(crashed.response?.error?.code).toBe(MCP_ERRORS.upstreamUnavailable.code);
    // The tests read the last scrape: wait for one taken after all four calls were counted.
    await prometheus.eventually('all four tool calls scraped', async () => {
      const count = await prometheus.instant(
        'sum(mcp_request_duration_seconds_count{job="bastion-proxy", pod="", method="tools/call"})',
      );
      if (count[0]?.value[1] !== '4') throw new Error(JSON.stringify(count));
    });
  }

  afterAll(async () => {
    const results = await Promise.allSettled([prometheus?.stop(), closeServer(blackbox), apps?.close()]);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }, 60_000);

  it('sees the api and both workers up (/api/v1/targets)', async () => {
    started();
    const targets = await prometheus.eventually('targets up', async () => {
      const data = await prometheus.query<{ activeTargets: any[] }>('/api/v1/targets?state=active');
      const pool = (name: string) => data.activeTargets.filter((t) => t.scrapePool === name);
      const workers = pool('bastion-proxy');
      if (workers.length !== 2 || workers.some((t) => t.health !== 'up'))
        throw new Error(JSON.stringify(workers));
      if (pool('bastion-api')[0]?.health !== 'up') throw new Error(JSON.stringify(pool('bastion-api')));
      return data.activeTargets;
    });
    const urls = (pool: string) =>
      targets.filter((t) => t.scrapePool === pool).map((t) => t.scrapeUrl as string);
    expect(urls('bastion-api')).toEqual([`http://${api}/metrics`]);
    expect(urls('bastion-proxy').sort()).toEqual(
      [`http://${ready}/metrics`, `http://${loading}/metrics`].sort(),
    );
    expect(
      targets.filter((t) => t.scrapePool === 'bastion-proxy').every((t) => t.labels.job === 'bastion-proxy'),
    ).toBe(true);
  });

  it("scraped the proxy's request counter, duration histogram, tool calls, guardrail action and upstream error", async () => {
    started();
    const grown = await prometheus.eventually('tools/call grew between two scrapes', async () => {
      const result = await prometheus.instant(
        'increase(mcp_requests_total{job="bastion-proxy", pod="", method="tools/call", status="ok"}[1m])',
      );
      if (!(Number(result[0]?.value[1]) > 0)) throw new Error(JSON.stringify(result));
      return result;
    });
    expect(grown).toHaveLength(1);
    expect(grown[0].metric).toMatchObject({ instance: ready, app: 'bastion-proxy' });
    const requests = await prometheus.instant(
      'mcp_requests_total{job="bastion-proxy", pod="", method="tools/call"}',
    );
    expect(byLabels(requests, 'instance', 'status')).toEqual({
      [`${ready}/ok`]: '2',
      [`${ready}/error`]: '2',
    });

    const p95 = await prometheus.instant(
      'histogram_quantile(0.95, sum by (le) (rate(mcp_request_duration_seconds_bucket{job="bastion-proxy", pod="", method="tools/call"}[1m])))',
    );
    expect(Number(p95[0]?.value[1])).toBeGreaterThan(0);
    const count = await prometheus.instant(
      'mcp_request_duration_seconds_count{job="bastion-proxy", pod="", method="tools/call"}',
    );
    expect(byLabels(count, 'instance')).toEqual({ [ready]: '4' });

    const tools = await prometheus.instant('mcp_tool_calls_total{job="bastion-proxy", pod=""}');
    expect(byLabels(tools, 'server', 'tool', 'status')).toEqual({
      'crash/echo/ok': '2',
      'crash/crash/error': '1',
    });
    const guardrails = await prometheus.instant('mcp_guardrail_actions_total{job="bastion-proxy", pod=""}');
    expect(byLabels(guardrails, 'detector', 'action', 'direction')).toEqual({ 'keywords/block/input': '1' });
    const upstream = await prometheus.instant('mcp_upstream_errors_total{job="bastion-proxy", pod=""}');
    expect(byLabels(upstream, 'server', 'kind')).toEqual({ 'crash/unavailable': '1' });
  });

  it("scraped the api's process metrics and the config version each process holds", async () => {
    started();
    const cpu = await prometheus.eventually('api process metrics', async () => {
      const result = await prometheus.instant('process_cpu_seconds_total{job="bastion-api"}');
      if (result.length !== 1) throw new Error(JSON.stringify(result));
      return result;
    });
    expect(cpu[0].metric).toMatchObject({ instance: api, app: 'bastion-api' });
    expect(Number(cpu[0].value[1])).toBeGreaterThan(0);
    const memory = await prometheus.instant('process_resident_memory_bytes{job="bastion-api"}');
    expect(Number(memory[0]?.value[1])).toBeGreaterThan(10_000_000);

    // The version the worker applied, as it reports it itself.
    const readyz = (await (await fetch(`http://${ready}/readyz`)).json()) as {
      checks: { snapshot: { version: number } };
    };
    const version = String(readyz.checks.snapshot.version);
    expect(Number(version)).toBeGreaterThan(0);
    const versions = await prometheus.eventually('the published version scraped everywhere', async () => {
      const result = byLabels(await prometheus.instant('bastion_config_version{pod=""}'), 'instance');
      if (result[api] !== version || result[ready] !== version) throw new Error(JSON.stringify(result));
      return result;
    });
    expect(versions).toEqual({ [api]: version, [ready]: version, [loading]: '0' });
  });

  it('probes the real /readyz through the blackbox relabelling: api and ready worker 1, loading worker 0', async () => {
    started();
    const probes = await prometheus.eventually('probe_success for three targets', async () => {
      const result = await prometheus.instant('probe_success{job="bastion-readiness"}');
      if (result.length !== 3) throw new Error(JSON.stringify(result));
      return result;
    });
    const byInstance = Object.fromEntries(
      probes.map((s) => [s.metric['instance'], { app: s.metric['app'], value: s.value[1] }]),
    );
    expect(byInstance).toEqual({
      [`http://${api}/readyz`]: { app: 'bastion-api', value: '1' },
      [`http://${ready}/readyz`]: { app: 'bastion-proxy', value: '1' },
      [`http://${loading}/readyz`]: { app: 'bastion-proxy', value: '0' },
    });
    expect(new Set(blackboxModules)).toEqual(new Set(['http_ready']));
  });

  it('turns Kubernetes pod annotations into a bastion-proxy target on the annotated port', async () => {
    started();
    const data = await prometheus.eventually('the annotated pod scraped', async () => {
      const targets = await prometheus.query<{ activeTargets: any[]; droppedTargets: any[] }>(
        '/api/v1/targets',
      );
      const pods = targets.activeTargets.filter((t) => t.scrapePool === 'kubernetes-pods');
      if (pods.length !== 1 || pods[0].health !== 'up') throw new Error(JSON.stringify(pods));
      return targets;
    });
    const [pod] = data.activeTargets.filter((t) => t.scrapePool === 'kubernetes-pods');
    expect(pod.scrapeUrl).toBe(`http://${ready}/metrics`);
    expect(pod.labels).toMatchObject({
      job: 'bastion-proxy',
      namespace: 'bastion',
      pod: 'bastion-proxy-7d9f-abcde',
    });
    expect(
      data.droppedTargets.some((t) => t.discoveredLabels?.__meta_kubernetes_pod_name === 'unrelated'),
    ).toBe(true);
  });

  it('evaluates every alert rule without error, and the loading worker drives its two rules', async () => {
    started();
    const active = ['pending', 'firing'];
    const rules = await prometheus.eventually('all rules evaluated, skew and not-ready active', async () => {
      const data = await prometheus.query<{ groups: { rules: any[] }[] }>('/api/v1/rules');
      const all = data.groups.flatMap((group) => group.rules);
      if (all.length === 0 || all.some((rule) => rule.lastEvaluation?.startsWith('0001-')))
        throw new Error('not evaluated yet');
      const state = Object.fromEntries(all.map((rule) => [rule.name, rule.state]));
      if (
        !active.includes(state['BastionConfigVersionSkew']) ||
        !active.includes(state['BastionWorkerNotReady'])
      )
        throw new Error(JSON.stringify(state));
      return all;
    });
    const groups = readYaml('prometheus/rules/bastion.rules.yml').groups as { rules: unknown[] }[];
    expect(rules.length).toBe(groups.flatMap((group) => group.rules).length);
    for (const rule of rules) {
      expect(rule.health, `${rule.name as string}: ${rule.lastError as string}`).toBe('ok');
    }
    // The loading worker is at version 0 and not ready: pending (or firing, once their `for` elapsed).
    // Everything the healthy processes could trip stays quiet.
    const state = Object.fromEntries(rules.map((rule) => [rule.name, rule.state]));
    expect(state).toMatchObject({
      BastionWorkerDown: 'inactive',
      BastionNoHealthyWorkers: 'inactive',
      BastionApiDown: 'inactive',
      BastionApiNotReady: 'inactive',
      BastionAuditEventsDropped: 'inactive',
      BastionAuditQueueBacklog: 'inactive',
      BastionUpstreamRestartLoop: 'inactive',
    });
  });

  it('runs every Prometheus query of the dashboards, each with data', async () => {
    started();
    const queries = dashboardPrometheusQueries('grafana/dashboards/bastion-overview.json');
    expect(queries.length).toBeGreaterThan(30);
    const run = async () => {
      const failed: string[] = [];
      const empty: string[] = [];
      for (const { panel, expr } of queries) {
        const result = await prometheus.instant(substituteGrafanaVariables(expr)).catch((error: unknown) => {
          failed.push(`${panel}: ${expr}: ${String(error)}`);
          return [];
        });
        if (result.length === 0) empty.push(panel);
      }
      return { failed, empty: empty.sort() };
    };
    // rate() and increase() need two samples in their window: a series the last traffic created has one
    // at first, so panels fill within a scrape or two. A query Prometheus refuses ends the wait at once.
    const outcome = await prometheus.eventually('every panel with data', async () => {
      const result = await run();
      if (result.failed.length === 0 && result.empty.length > 0)
        throw new Error(`no data yet: ${result.empty.join(', ')}`);
      return result;
    });
    expect(outcome.failed).toEqual([]);
    // The traffic above reaches every panel, the trouble ones (errors, blocks, readiness) included.
    expect(outcome.empty).toEqual([]);
  });
});
