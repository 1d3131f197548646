// Shared helpers for the infra specs: file access, YAML, compose interpolation, PromQL metric names,
// the README configuration table, and promtool.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export const INFRA_DIR = resolve(__dirname, '..');
export const REPO_ROOT = resolve(INFRA_DIR, '..');

export const infraPath = (...parts: string[]): string => join(INFRA_DIR, ...parts);
export const readInfra = (...parts: string[]): string => readFileSync(infraPath(...parts), 'utf8');

/** Parses one YAML document; throws on any error (the `<<` merge key is enabled, as in compose). */
export function readYaml<T = any>(...parts: string[]): T {
  return parse(readInfra(...parts), { merge: true, prettyErrors: true, strict: true, uniqueKeys: true }) as T;
}

/** Parses every document of a multi-document YAML file, skipping empty ones. */
export function readYamlDocuments<T = any>(...parts: string[]): T[] {
  const docs = parseAllDocuments(readInfra(...parts), { merge: true, prettyErrors: true, uniqueKeys: true });
  if (!Array.isArray(docs)) throw new Error(`${parts.join('/')}: not a YAML stream`);
  return docs
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${parts.join('/')}: ${doc.errors.map(String).join('; ')}`);
      return doc.toJS() as T;
    })
    .filter((doc) => doc !== null && doc !== undefined);
}

/** Every file under infra/ (relative paths), without node_modules. */
export function listInfraFiles(dir = INFRA_DIR): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules') continue;
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...listInfraFiles(full));
    else out.push(relative(INFRA_DIR, full));
  }
  return out.sort();
}

// --- .env files and compose interpolation -------------------------------------------------------

/** KEY=VALUE lines of an env file (comments and blank lines ignored). */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) throw new Error(`not a KEY=VALUE line: ${line}`);
    env[trimmed.slice(0, eq)] = trimmed.slice(eq + 1);
  }
  return env;
}

const INTERPOLATION = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Names of the variables a compose string interpolates (`${X}`, `${X:-d}`, `${X:?e}`, `$X`). */
export function interpolatedNames(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(INTERPOLATION)) {
    const name = match[1] ?? match[4];
    if (name) names.add(name);
  }
  return [...names];
}

/** Compose-style interpolation of one string; `${X:?msg}` with X unset or empty throws `msg`. */
export function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(
    INTERPOLATION,
    (whole, braced?: string, operator?: string, arg?: string, bare?: string): string => {
      if (whole === '$$') return '$';
      const name = braced ?? bare ?? '';
      const value = env[name];
      const op = operator as ':-' | '-' | ':?' | '?' | undefined;
      switch (op) {
        case ':-':
          return value ? value : (arg ?? '');
        case '-':
          return value ?? arg ?? '';
        case ':?':
          if (!value) throw new Error(`${name}: ${arg}`);
          return value;
        case '?':
          if (value === undefined) throw new Error(`${name}: ${arg}`);
          return value;
        case undefined:
          return value ?? '';
      }
    },
  );
}

/** Applies `interpolate` to every string in a parsed YAML value. */
export function interpolateDeep<T>(value: T, env: Record<string, string | undefined>): T {
  if (typeof value === 'string') return interpolate(value, env) as T;
  if (Array.isArray(value)) return value.map((item) => interpolateDeep(item, env)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateDeep(v, env)])) as T;
  }
  return value;
}

/** Every string inside a parsed YAML value. */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

// --- README configuration table -----------------------------------------------------------------

/** The variable names in README.md → "## Configuration" (the table's first column). */
export function readmeConfigVariables(): Set<string> {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Configuration');
  if (start < 0) throw new Error('README.md has no "## Configuration" section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const names = [...section.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/gm)].map((m) => m[1]);
  if (names.length < 10) throw new Error(`README configuration table: found only ${names.length} variables`);
  return new Set(names);
}

// --- Metric names ---------------------------------------------------------------------------------

/** The metrics Bastion exposes by contract (ARCHITECTURE.md → Observability, and the infra brief). */
export const CONTRACT_METRICS = [
  'mcp_requests_total',
  'mcp_request_duration_seconds',
  'mcp_tool_calls_total',
  'mcp_active_sessions',
  'mcp_guardrail_actions_total',
  'mcp_upstream_errors_total',
  'bastion_config_version',
  'bastion_upstream_restarts_total',
  'bastion_audit_dropped_total',
  'bastion_audit_queue_depth',
] as const;

/** Metrics only alert rules use (monitor-only guardrail policies: findings, and checks not run). */
export const ALERT_METRICS = [
  'bastion_guardrail_monitor_findings_total',
  'bastion_guardrail_monitor_jobs_total',
] as const;

const HISTOGRAMS = new Set(['mcp_request_duration_seconds']);

/**
 * Whether a metric name may appear in dashboards and rules: a contract metric (histograms with their
 * _bucket/_sum/_count series), an alert-only metric, a prom-client default metric (process_*, nodejs_*), Prometheus'
 * own per-target series (up, scrape_*), or the blackbox exporter's probe_* series.
 */
export function isAllowedMetric(name: string): boolean {
  if ((CONTRACT_METRICS as readonly string[]).includes(name)) return true;
  if ((ALERT_METRICS as readonly string[]).includes(name)) return true;
  const histogram = name.replace(/_(bucket|sum|count)$/, '');
  if (histogram !== name && HISTOGRAMS.has(histogram)) return true;
  return /^(process_|nodejs_|scrape_|probe_)/.test(name) || name === 'up';
}

const PROMQL_KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression selects. Strips string literals, label matchers, ranges,
 * grouping label lists and Grafana variables, then keeps the identifiers that are not function
 * calls, keywords or parts of numbers.
 */
export function metricNamesIn(expr: string): string[] {
  let s = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
  s = s.replace(/\{[^}]*\}/g, ' ');
  s = s.replace(/\[[^\]]*\]/g, ' ');
  s = s.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' ');
  s = s.replace(/\$\{[^}]*\}|\$[A-Za-z_]\w*/g, ' ');
  const names = new Set<string>();
  for (const match of s.matchAll(/[A-Za-z_:][\w:]*/g)) {
    const index = match.index;
    const before = index > 0 ? s[index - 1] : ' ';
    if (/[\d.]/.test(before)) continue; // 1e3, 5m
    if (/^\s*\(/.test(s.slice(index + match[0].length))) continue; // a function or aggregation
    if (PROMQL_KEYWORDS.has(match[0].toLowerCase())) continue;
    names.add(match[0]);
  }
  return [...names];
}

/** Replaces Grafana's variables with values Prometheus accepts, for syntax checks and live queries. */
export function substituteGrafanaVariables(expr: string): string {
  return expr
    .replace(/\$__rate_interval|\$\{__rate_interval\}/g, '1m')
    .replace(/\$__range|\$\{__range\}/g, '5m')
    .replace(/\$__interval|\$\{__interval\}/g, '15s')
    .replace(/\$\{?[A-Za-z_]\w*\}?/g, '.*');
}

// --- Grafana dashboards --------------------------------------------------------------------------

export interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { type: string; uid: string };
  targets?: { refId: string; expr: string; datasource?: { type: string; uid: string } }[];
  panels?: Panel[];
}

export interface PromQuery {
  dashboard: string;
  panel: string;
  expr: string;
}

export function panelsOf(dashboard: { panels: Panel[] }): Panel[] {
  return dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
}

/** The datasource type a target queries, resolving `${datasource}` through the dashboard's variables. */
export function datasourceType(
  dashboard: any,
  panel: Panel,
  target: { datasource?: { type: string; uid: string } },
): string {
  const ds = target.datasource ?? panel.datasource;
  if (!ds) throw new Error(`panel "${panel.title}" has no datasource`);
  const variable = /^\$\{?(\w+)\}?$/.exec(ds.uid);
  if (variable) {
    const declared = (dashboard.templating.list as any[]).find((v) => v.name === variable[1]);
    if (!declared || declared.type !== 'datasource')
      throw new Error(`${ds.uid} is not a datasource variable`);
    return declared.query as string;
  }
  const provisioned = readYaml('grafana/provisioning/datasources/datasources.yaml').datasources as {
    uid: string;
    type: string;
  }[];
  const found = provisioned.find((p) => p.uid === ds.uid);
  if (!found) throw new Error(`panel "${panel.title}": datasource uid ${ds.uid} is not provisioned`);
  return found.type;
}

/** Every Prometheus expression of a dashboard: panel targets and query variables. */
export function dashboardPrometheusQueries(file: string): PromQuery[] {
  const dashboard = JSON.parse(readInfra(file));
  const queries: PromQuery[] = [];
  for (const panel of panelsOf(dashboard)) {
    for (const target of panel.targets ?? []) {
      if (datasourceType(dashboard, panel, target) === 'prometheus') {
        queries.push({ dashboard: file, panel: `${panel.title} (${target.refId})`, expr: target.expr });
      }
    }
  }
  for (const variable of dashboard.templating.list as any[]) {
    if (variable.type !== 'query') continue;
    const query = typeof variable.query === 'string' ? variable.query : variable.query.query;
    // label_values(<selector>, <label>) → the selector is the PromQL part.
    const selector = /^label_values\((.*),\s*\w+\)$/.exec(query as string)?.[1];
    if (selector) queries.push({ dashboard: file, panel: `variable ${variable.name}`, expr: selector });
  }
  return queries;
}

// --- promtool / prometheus ------------------------------------------------------------------------

export const PROMETHEUS_INSTALL_HINT =
  "install Debian's prometheus package (it provides promtool and prometheus): " +
  'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y prometheus';

/** Throws a clear error unless `binary --version` runs. The infra tests never skip for this. */
export function requireBinary(binary: 'promtool' | 'prometheus'): string {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (result.error || result.status !== 0) {
    throw new Error(
      `${binary} is not available (${result.error?.message ?? `exit ${result.status}`}): ${PROMETHEUS_INSTALL_HINT}`,
    );
  }
  return `${result.stdout}${result.stderr}`.split('\n')[0].trim();
}

export interface ToolResult {
  status: number | null;
  output: string;
}

/** Runs promtool with a bounded time; returns its exit status and combined output. */
export function promtool(args: string[], cwd = INFRA_DIR): ToolResult {
  requireBinary('promtool');
  const result = spawnSync('promtool', args, { cwd, encoding: 'utf8', timeout: 60_000 });
  return {
    status: result.status,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`,
  };
}

export const exists = (...parts: string[]): boolean => existsSync(infraPath(...parts));
