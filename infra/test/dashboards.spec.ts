import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTRACT_METRICS,
  dashboardPrometheusQueries as prometheusQueries,
  datasourceType,
  isAllowedMetric,
  listInfraFiles,
  metricNamesIn,
  panelsOf,
  promtool,
  readInfra,
  substituteGrafanaVariables,
} from './support';

let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'bastion-infra-dash-'));
});
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const dashboardFiles = listInfraFiles().filter(
  (file) => file.startsWith('grafana/dashboards/') && file.endsWith('.json'),
);

describe('Grafana dashboards', () => {
  it('include the Bastion overview', () => {
    expect(dashboardFiles).toContain('grafana/dashboards/bastion-overview.json');
  });

  describe.each(dashboardFiles)('%s', (file) => {
    const dashboard = JSON.parse(readInfra(file));
    const panels = panelsOf(dashboard);
    const queries = prometheusQueries(file);

    it('is a dashboard with a stable uid, a title and panels with unique ids', () => {
      expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
      expect(dashboard.title).toBeTruthy();
      expect(dashboard.id ?? null, 'provisioned dashboards carry no numeric id').toBeNull();
      const ids = panels.map((panel) => panel.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(panels.length).toBeGreaterThan(10);
    });

    it('lays out panels inside the 24-column grid without overlaps', () => {
      const boxes = panels.map((panel) => ({ title: panel.title, ...panel.gridPos }));
      for (const box of boxes) {
        expect(box.x + box.w, box.title).toBeLessThanOrEqual(24);
        expect(box.w * box.h, box.title).toBeGreaterThan(0);
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i];
          const b = boxes[j];
          const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          expect(overlap, `"${a.title}" overlaps "${b.title}"`).toBe(false);
        }
      }
    });

    it('queries only provisioned datasources, and every non-row panel has a query', () => {
      for (const panel of panels) {
        if (panel.type === 'row') continue;
        expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
        for (const target of panel.targets!) {
          expect(['prometheus', 'loki', 'jaeger']).toContain(datasourceType(dashboard, panel, target));
          expect(target.expr?.trim(), `${panel.title} ${target.refId}`).toBeTruthy();
        }
      }
    });

    it('uses only contract, default-process and probe metric names in its PromQL', () => {
      expect(queries.length).toBeGreaterThan(0);
      for (const query of queries) {
        const names = metricNamesIn(query.expr);
        expect(names.length, `${query.panel}: ${query.expr}`).toBeGreaterThan(0);
        for (const name of names)
          expect(isAllowedMetric(name), `${query.panel}: ${name} in ${query.expr}`).toBe(true);
      }
    });

    it('has PromQL that Prometheus parses (promtool, Grafana variables substituted)', () => {
      const rules = {
        groups: [
          {
            name: 'dashboard-syntax',
            rules: queries.map((query, index) => ({
              record: `dashboard_check:q${index}`,
              expr: substituteGrafanaVariables(query.expr),
            })),
          },
        ],
      };
      const rulesFile = join(scratch, `${dashboard.uid}.rules.yml`);
      writeFileSync(rulesFile, stringify(rules));
      const result = promtool(['check', 'rules', rulesFile]);
      expect(result.status, result.output).toBe(0);
    });
  });

  describe('bastion-overview.json', () => {
    const queries = prometheusQueries('grafana/dashboards/bastion-overview.json');
    const exprs = queries.map((query) => query.expr.replace(/\s+/g, ' '));
    const some = (pattern: RegExp): boolean => exprs.some((expr) => pattern.test(expr));

    it('shows every contract metric', () => {
      for (const metric of CONTRACT_METRICS) {
        expect(some(new RegExp(`\\b${metric}(_bucket)?\\b`)), metric).toBe(true);
      }
    });

    it('has request rate, error rate and latency percentiles', () => {
      expect(some(/^sum by \(method\) \(rate\(mcp_requests_total\{/), 'request rate by method').toBe(true);
      expect(
        some(/mcp_requests_total\{[^}]*status="error"[^}]*\}.*\/ sum.*mcp_requests_total/),
        'error rate',
      ).toBe(true);
      for (const q of ['0.5', '0.95', '0.99']) {
        expect(
          some(
            new RegExp(
              `^histogram_quantile\\(${q.replace('.', '\\.')}, sum by \\(le\\) \\(rate\\(mcp_request_duration_seconds_bucket`,
            ),
          ),
          `p${q}`,
        ).toBe(true);
      }
    });

    it('breaks tool calls down by server and tool, and guardrail actions by detector, action and direction', () => {
      expect(some(/sum by \(server, tool\) \(rate\(mcp_tool_calls_total/)).toBe(true);
      expect(some(/sum by \(detector, action, direction\) \(rate\(mcp_guardrail_actions_total/)).toBe(true);
      expect(some(/sum by \(server, kind\) \(rate\(mcp_upstream_errors_total/)).toBe(true);
      expect(some(/bastion_upstream_restarts_total/)).toBe(true);
    });

    it('shows the config version per worker, the skew, audit drops and the audit queue depth', () => {
      expect(some(/^max by \(job, instance\) \(bastion_config_version\)$/)).toBe(true);
      expect(
        some(
          /^max\(bastion_config_version\{job="bastion-proxy"\}\) - min\(bastion_config_version\{job="bastion-proxy"\}\)$/,
        ),
      ).toBe(true);
      expect(some(/increase\(bastion_audit_dropped_total/)).toBe(true);
      expect(some(/bastion_audit_queue_depth/)).toBe(true);
      expect(some(/mcp_active_sessions/)).toBe(true);
    });

    it('has a Loki logs panel', () => {
      const dashboard = JSON.parse(readInfra('grafana/dashboards/bastion-overview.json'));
      const logs = panelsOf(dashboard).find((panel) => panel.type === 'logs');
      expect(logs?.datasource).toEqual({ type: 'loki', uid: 'loki' });
      expect(logs?.targets?.[0]?.expr).toMatch(/^\{service_name=~"bastion-api\|bastion-proxy"\}/);
    });
  });
});
