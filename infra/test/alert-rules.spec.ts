import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  infraPath,
  isAllowedMetric,
  metricNamesIn,
  promtool,
  readYaml,
  readYamlDocuments,
  requireBinary,
} from './support';

interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const RULES = 'prometheus/rules/bastion.rules.yml';
const RULE_TESTS = 'prometheus/rules/bastion.rules.test.yml';

const groups = readYaml<{ groups: { name: string; rules: AlertRule[] }[] }>(RULES).groups;
const alerts = groups.flatMap((group) => group.rules);
const byName = Object.fromEntries(alerts.map((rule) => [rule.alert, rule]));
const unitTests = readYaml<{
  tests: { name: string; alert_rule_test: { alertname: string; exp_alerts?: unknown[] }[] }[];
}>(RULE_TESTS).tests;
const normalise = (expr: string): string => expr.replace(/\s+/g, ' ').trim();

let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'bastion-infra-rules-'));
});
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('alert rules', () => {
  it('promtool is installed (the rule checks below need it and never skip)', () => {
    expect(requireBinary('promtool')).toMatch(/promtool/);
  });

  it('pass `promtool check rules`', () => {
    const result = promtool(['check', 'rules', RULES]);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain(`SUCCESS: ${alerts.length} rules found`);
  });

  it('pass their unit tests (`promtool test rules`)', () => {
    const result = promtool(['test', 'rules', RULE_TESTS]);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain('SUCCESS');
  });

  it('are loaded by the compose Prometheus configuration (`promtool check config`)', () => {
    const result = promtool(['check', 'config', 'prometheus/prometheus.yml']);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain('SUCCESS: 1 rule files found');
    expect(result.output).toContain(`SUCCESS: ${alerts.length} rules found`);
  });

  it('the Kubernetes scrape configuration is valid Prometheus configuration', () => {
    // Debian's Prometheus is built without Kubernetes service discovery, so the check runs on a copy
    // whose kubernetes_sd_configs are swapped for a static target; relabelling and the rest are
    // checked as written (and exercised against a live Prometheus in prometheus.live.spec.ts).
    const config = readYaml('k8s/monitoring/prometheus-scrape.yml');
    for (const job of config.scrape_configs as Record<string, unknown>[]) {
      expect(job['kubernetes_sd_configs'], job['job_name'] as string).toEqual([{ role: 'pod' }]);
      delete job['kubernetes_sd_configs'];
      job['static_configs'] = [{ targets: ['127.0.0.1:9'] }];
    }
    const file = join(scratch, 'k8s-prometheus.yml');
    writeFileSync(file, stringify(config));
    const result = promtool(['check', 'config', file]);
    expect(result.status, result.output).toBe(0);
  });

  it('cover what operators need to be woken for', () => {
    expect(Object.keys(byName).sort()).toEqual(
      [
        'BastionApiDown',
        'BastionApiNotReady',
        'BastionAuditEventsDropped',
        'BastionAuditQueueBacklog',
        'BastionConfigVersionSkew',
        'BastionGuardrailMonitorChecksDropped',
        'BastionGuardrailMonitorFindings',
        'BastionHighMcpErrorRate',
        'BastionHighMcpLatencyP95',
        'BastionNoHealthyWorkers',
        'BastionUpstreamRestartLoop',
        'BastionWorkerDown',
        'BastionWorkerNotReady',
      ].sort(),
    );
    expect(normalise(byName['BastionHighMcpErrorRate'].expr)).toBe(
      'sum(rate(mcp_requests_total{status="error"}[5m])) / sum(rate(mcp_requests_total[5m])) > 0.05',
    );
    expect(normalise(byName['BastionHighMcpLatencyP95'].expr)).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(mcp_request_duration_seconds_bucket[5m]))) > 2',
    );
    expect(byName['BastionWorkerDown'].expr).toBe('up{job="bastion-proxy"} == 0');
    expect(normalise(byName['BastionAuditEventsDropped'].expr)).toMatch(
      /increase\(bastion_audit_dropped_total\[5m\]\)\) > 0$/,
    );
    expect(byName['BastionAuditEventsDropped'].for).toBeUndefined();
    expect(normalise(byName['BastionConfigVersionSkew'].expr)).toBe(
      'max(bastion_config_version{job="bastion-proxy"}) - min(bastion_config_version{job="bastion-proxy"}) > 0',
    );
    expect(byName['BastionConfigVersionSkew'].for).toBe('1m');
    expect(byName['BastionApiNotReady'].expr).toBe(
      'probe_success{job="bastion-readiness", app="bastion-api"} == 0',
    );
  });

  it('carry a severity, a summary and a description', () => {
    for (const rule of alerts) {
      expect(['warning', 'critical'], rule.alert).toContain(rule.labels?.['severity']);
      expect(rule.annotations?.['summary'], rule.alert).toBeTruthy();
      expect(rule.annotations?.['description'], rule.alert).toBeTruthy();
    }
  });

  it('use only contract, default-process and probe metrics', () => {
    for (const rule of alerts) {
      const names = metricNamesIn(rule.expr);
      expect(names.length, rule.alert).toBeGreaterThan(0);
      for (const name of names) expect(isAllowedMetric(name), `${rule.alert}: ${name}`).toBe(true);
    }
  });

  it('select jobs that both the compose and the Kubernetes scrape configurations produce', () => {
    const composeJobs = (readYaml('prometheus/prometheus.yml').scrape_configs as { job_name: string }[]).map(
      (j) => j.job_name,
    );
    const k8sConfig = readYaml('k8s/monitoring/prometheus-scrape.yml');
    // On Kubernetes the job label comes from the pod label app.kubernetes.io/name.
    const podNames = ['k8s/api.yaml', 'k8s/proxy.yaml'].flatMap((file) =>
      readYamlDocuments(file)
        .filter((doc) => doc.kind === 'Deployment')
        .map((doc) => doc.spec.template.metadata.labels['app.kubernetes.io/name'] as string),
    );
    const k8sJobs = [
      ...(k8sConfig.scrape_configs as { job_name: string }[]).map((j) => j.job_name),
      ...podNames,
    ];
    for (const rule of alerts) {
      for (const match of rule.expr.matchAll(/job="([^"]+)"/g)) {
        expect(composeJobs, `${rule.alert}: compose job ${match[1]}`).toContain(match[1]);
        expect(k8sJobs, `${rule.alert}: Kubernetes job ${match[1]}`).toContain(match[1]);
      }
    }
  });

  it('each alert has a unit test where it fires and one where it must not', () => {
    for (const rule of alerts) {
      const cases = unitTests.flatMap((test) =>
        test.alert_rule_test.filter((c) => c.alertname === rule.alert),
      );
      expect(
        cases.some((c) => (c.exp_alerts ?? []).length > 0),
        `${rule.alert}: no firing case`,
      ).toBe(true);
      expect(
        cases.some((c) => (c.exp_alerts ?? []).length === 0),
        `${rule.alert}: no silent case`,
      ).toBe(true);
    }
  });

  it('the unit test file is not picked up as a rule file', () => {
    const { rule_files } = readYaml('prometheus/prometheus.yml');
    expect(rule_files).toEqual(['rules/*.rules.yml']);
    expect(RULE_TESTS.endsWith('.rules.yml')).toBe(false);
    expect(infraPath(RULE_TESTS)).toMatch(/bastion\.rules\.test\.yml$/);
  });
});
