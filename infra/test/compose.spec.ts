// The infra checks validate the shipped example environments with the real config schema. eslint.config.mjs
// has no depConstraint for type:infra yet; remove this directive when one allows scope:shared libs.
import { loadConfig } from '@bastion/config';
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  INFRA_DIR,
  allStrings,
  interpolateDeep,
  interpolatedNames,
  parseEnvFile,
  readInfra,
  readYaml,
  readmeConfigVariables,
} from './support';

type Service = Record<string, any>;

/** Runs a command (bounded) and resolves with its exit code. */
function exitCode(command: string, args: string[]): Promise<number> {
  return new Promise((done) => {
    execFile(command, args, { timeout: 15_000 }, (error) => {
      done(error ? (typeof error.code === 'number' ? error.code : -1) : 0);
    });
  });
}

const composeText = readInfra('docker-compose.yml');
const compose = readYaml('docker-compose.yml');
const services = compose.services as Record<string, Service>;
const envExample = parseEnvFile(readInfra('.env.example'));
/** The secrets .env.example leaves empty on purpose (compose refuses to start without them). */
const REQUIRED_SECRETS = ['BASTION_MASTER_KEY', 'POSTGRES_PASSWORD', 'GRAFANA_ADMIN_PASSWORD'] as const;
const testSecrets: Record<(typeof REQUIRED_SECRETS)[number], string> = {
  BASTION_MASTER_KEY: randomBytes(32).toString('base64'),
  POSTGRES_PASSWORD: randomBytes(24).toString('hex'),
  GRAFANA_ADMIN_PASSWORD: randomBytes(16).toString('hex'),
};
/** The compose file as `docker compose` sees it with .env.example plus generated secrets. */
const resolved = interpolateDeep(compose, { ...envExample, ...testSecrets }) as {
  services: Record<string, Service>;
};
const readmeVariables = readmeConfigVariables();
const APP_SERVICES = ['api', 'proxy'] as const;


/** Short or long volume syntax → { source, target, type }. */
function volumesOf(
  service: Service,
): { source: string; target: string; type: 'bind' | 'volume' | 'tmpfs' }[] {
  return ((service.volumes ?? []) as (string | Record<string, string>)[]).map((volume) => {
    if (typeof volume !== 'string') {
      return { source: volume.source, target: volume.target, type: volume.type as 'bind' | 'volume' };
    }
    const [source, target] = volume.split(':');
    const type = source.startsWith('.') || source.startsWith('/') ? 'bind' : 'volume';
    return { source: source, target: target, type };
  });
}

function networksOf(service: Service): string[] {
  const networks = service.networks ?? [];
  return Array.isArray(networks) ? (networks as string[]) : Object.keys(networks as object);
}

function dependsOn(service: Service): string[] {
  const deps = service.depends_on ?? [];
  return Array.isArray(deps) ? (deps as string[]) : Object.keys(deps as object);
}

function healthcheckCommand(service: Service): string {
  const test = service.healthcheck?.test as string | string[] | undefined;
  if (!test) return '';
  return Array.isArray(test) ? test.join(' ') : test;
}

describe('docker-compose.yml', () => {
  it('runs the full stack', () => {
    const images: Record<string, RegExp> = {
      postgres: /^postgres:16(\b|$)/,
      redis: /^redis:7(\b|$)/,
      'otel-collector': /^otel\/opentelemetry-collector-contrib:\d/,
      jaeger: /^jaegertracing\/all-in-one:\d/,
      loki: /^grafana\/loki:\d/,
      prometheus: /^prom\/prometheus:v\d/,
      grafana: /^grafana\/grafana:\d/,
      lb: /^(haproxy|nginx):/,
    };
    for (const [name, image] of Object.entries(images)) {
      expect(services[name], `service ${name}`).toBeDefined();
      expect(services[name].image, `${name} image`).toMatch(image);
    }
    for (const name of APP_SERVICES) {
      expect(services[name].build).toEqual({ context: '..', dockerfile: 'infra/docker/Dockerfile' });
      expect(services[name].command).toEqual([name]);
    }
  });

  it('has a healthcheck on every service', () => {
    for (const [name, service] of Object.entries(services)) {
      const test = service.healthcheck?.test as unknown;
      expect(Array.isArray(test) && test.length > 1, `${name}: healthcheck.test`).toBe(true);
      expect(['CMD', 'CMD-SHELL']).toContain((test as string[])[0]);
      for (const part of test as unknown[])
        expect(typeof part, `${name}: healthcheck.test item ${JSON.stringify(part)}`).toBe('string');
      expect(service.healthcheck.disable, name).toBeUndefined();
    }
  });

  it('only references networks, volumes, services and files that exist', () => {
    const declaredNetworks = Object.keys(compose.networks ?? {});
    const declaredVolumes = Object.keys(compose.volumes ?? {});
    const usedVolumes = new Set<string>();
    for (const [name, service] of Object.entries(services)) {
      for (const network of networksOf(service))
        expect(declaredNetworks, `${name} → network ${network}`).toContain(network);
      for (const dep of dependsOn(service))
        expect(Object.keys(services), `${name} → depends_on ${dep}`).toContain(dep);
      for (const volume of volumesOf(service)) {
        if (volume.type === 'volume') {
          expect(declaredVolumes, `${name} → volume ${volume.source}`).toContain(volume.source);
          usedVolumes.add(volume.source);
        } else if (volume.type === 'bind') {
          expect(existsSync(resolve(INFRA_DIR, volume.source)), `${name} → bind ${volume.source}`).toBe(true);
        }
      }
      if (service.build) {
        const context = resolve(INFRA_DIR, service.build.context as string);
        expect(existsSync(resolve(context, service.build.dockerfile as string)), `${name} → Dockerfile`).toBe(
          true,
        );
      }
      expect(service.container_name, `${name}: container_name prevents scaling`).toBeUndefined();
    }
    // Stateful services keep their data in named volumes; no declared volume is left unused.
    expect([...usedVolumes].sort()).toEqual(declaredVolumes.sort());
    for (const [service, target] of [
      ['postgres', '/var/lib/postgresql/data'],
      ['redis', '/data'],
      ['prometheus', '/prometheus'],
      ['loki', '/loki'],
      ['grafana', '/var/lib/grafana'],
    ] as const) {
      expect(
        volumesOf(services[service]).some((v) => v.type === 'volume' && v.target === target),
        `${service} volume`,
      ).toBe(true);
    }
  });

  it('runs at least two proxy workers behind the load balancer, never published directly', () => {
    const proxy = services['proxy'];
    expect(proxy.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(proxy.ports, 'workers are reached through the load balancer only').toBeUndefined();
    const lb = services['lb'];
    expect(dependsOn(lb)).toContain('proxy');
    expect(networksOf(lb).some((network) => networksOf(proxy).includes(network))).toBe(true);
  });

  it('publishes ports on the loopback address by default', () => {
    for (const [name, service] of Object.entries(resolved.services)) {
      for (const port of (service.ports ?? []) as string[]) {
        expect(port, `${name} ports`).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
      }
    }
    expect(envExample['BIND_ADDRESS']).toBe('127.0.0.1');
  });

  it('gives the apps only variables from the README configuration table', () => {
    for (const name of APP_SERVICES) {
      const environment = services[name].environment as Record<string, unknown>;
      expect(Array.isArray(environment), `${name}: use the mapping form`).toBe(false);
      for (const variable of Object.keys(environment)) {
        expect(
          readmeVariables.has(variable),
          `${name}: ${variable} is not in README.md → Configuration`,
        ).toBe(true);
      }
    }
    const api = services['api'].environment as Record<string, string>;
    const proxy = services['proxy'].environment as Record<string, string>;
    for (const variable of [
      'DATABASE_URL',
      'REDIS_URL',
      'BASTION_MASTER_KEY',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
    ]) {
      expect(api, `api: ${variable}`).toHaveProperty(variable);
    }
    for (const variable of [
      'REDIS_URL',
      'BASTION_MASTER_KEY',
      'PROXY_PUBLIC_URL',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
    ]) {
      expect(proxy, `proxy: ${variable}`).toHaveProperty(variable);
    }
    expect(proxy, 'workers never connect to Postgres').not.toHaveProperty('DATABASE_URL');
    // Both apps share one master key and Redis prefix.
    expect(proxy['BASTION_MASTER_KEY']).toBe(api['BASTION_MASTER_KEY']);
    expect(proxy['BASTION_REDIS_PREFIX']).toBe(api['BASTION_REDIS_PREFIX']);
  });

  it('interpolates only variables that .env.example defines, and .env.example has no unused entry', () => {
    const used = new Set(interpolatedNames(composeText.replace(/^\s*#.*$/gm, '')));
    const defined = new Set(Object.keys(envExample));
    for (const name of used) expect(defined.has(name), `\${${name}} is not in .env.example`).toBe(true);
    for (const name of defined) expect(used.has(name), `.env.example: ${name} is never used`).toBe(true);
    const envText = readInfra('.env.example');
    expect(envText).toMatch(/EXAMPLE VALUES ONLY/);
  });

  it('fails closed: .env.example carries no secret, and compose refuses to start until each is set', () => {
    for (const name of [...REQUIRED_SECRETS, 'BASTION_BOOTSTRAP_ADMIN_KEY']) {
      expect(envExample[name], `${name} must be empty in .env.example`).toBe('');
    }
    for (const name of REQUIRED_SECRETS) {
      const env = { ...envExample, ...testSecrets, [name]: '' };
      expect(() => interpolateDeep(compose, env), name).toThrow(
        new RegExp(`^${name}: set ${name} in infra/\\.env`),
      );
    }
  });

  it('the setup commands in .env.example produce an environment both apps accept', () => {
    const text = readInfra('.env.example');
    const commands = text
      .split('\n')
      .filter((line) => line.startsWith('#   '))
      .map((line) => line.slice(4))
      .join('\n');
    expect(commands).toMatch(/^cp infra\/\.env\.example infra\/\.env\nsed -i /);
    const dir = mkdtempSync(join(tmpdir(), 'bastion-infra-env-'));
    try {
      mkdirSync(join(dir, 'infra'));
      copyFileSync(join(INFRA_DIR, '.env.example'), join(dir, 'infra', '.env.example'));
      const run = spawnSync('sh', ['-ec', commands], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      expect(run.status, run.stderr).toBe(0);
      const env = parseEnvFile(readFileSync(join(dir, 'infra', '.env'), 'utf8'));
      for (const name of REQUIRED_SECRETS) expect(env[name], name).toMatch(/^\S{16,}$/);
      const generated = (interpolateDeep(compose, env) as { services: Record<string, Service> }).services;
      expect(
        loadConfig(generated['api'].environment as Record<string, string>).security.masterKey,
      ).toHaveLength(32);
      expect(
        loadConfig(generated['proxy'].environment as Record<string, string>).security.masterKey,
      ).toHaveLength(32);
      // The admin key recipe in the comment yields a key Bastion accepts.
      const recipe = /e\.g\. (bgw_\$\(.*\))\.$/m.exec(text)?.[1];
      expect(recipe).toBeDefined();
      const key = spawnSync('sh', ['-ec', `echo "${recipe}"`], {
        encoding: 'utf8',
        timeout: 10_000,
      }).stdout.trim();
      expect(loadConfig({ BASTION_BOOTSTRAP_ADMIN_KEY: key }).security.bootstrapAdminKey).toBe(key);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts both apps with a configuration Bastion accepts (loadConfig on the resolved environment)', () => {
    const apiEnv = resolved.services['api'].environment as Record<string, string>;
    const proxyEnv = resolved.services['proxy'].environment as Record<string, string>;
    const api = loadConfig(apiEnv);
    const proxy = loadConfig(proxyEnv);
    expect(api.host).toBe('0.0.0.0');
    expect(proxy.host).toBe('0.0.0.0');
    expect(api.database.url).toMatch(/^postgresql:\/\/[^@]+@postgres:5432\//);
    expect(api.redis.url).toBe('redis://redis:6379');
    expect(proxy.redis.url).toBe(api.redis.url);
    expect(api.security.masterKey).toBeDefined();
    expect(api.telemetry.otlpEndpoint).toBe('http://otel-collector:4318');
    // The healthchecks probe the ports the apps listen on.
    expect(healthcheckCommand(resolved.services['api'])).toContain(`http://127.0.0.1:${api.api.port}/readyz`);
    expect(healthcheckCommand(resolved.services['proxy'])).toContain(
      `http://127.0.0.1:${proxy.proxy.port}/readyz`,
    );
    expect(resolved.services['api'].ports).toEqual([`127.0.0.1:8001:${api.api.port}`]);
  });

  it('the app healthchecks really exit 0 on a 200 from /readyz and 1 on a 503', async () => {
    let status = 200;
    const server = createServer((request, response) => {
      response.writeHead(request.url === '/readyz' ? status : 404).end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    try {
      for (const name of APP_SERVICES) {
        const [kind, binary, flag, script] = services[name].healthcheck.test as string[];
        expect([kind, binary, flag]).toEqual(['CMD', 'node', '-e']);
        const local = script.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${port}`);
        status = 200;
        expect(await exitCode(process.execPath, ['-e', local]), `${name} healthcheck on 200`).toBe(0);
        status = 503;
        expect(await exitCode(process.execPath, ['-e', local]), `${name} healthcheck on 503`).toBe(1);
      }
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it('the api waits for healthy Postgres and Redis (it migrates at start), the workers for a healthy api', () => {
    expect(services['api'].depends_on).toMatchObject({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    expect(services['proxy'].depends_on).toMatchObject({
      redis: { condition: 'service_healthy' },
      api: { condition: 'service_healthy' },
    });
  });

  it('hardens the app containers', () => {
    for (const name of APP_SERVICES) {
      const service = services[name];
      expect(service.read_only, name).toBe(true);
      expect(service.cap_drop, name).toEqual(['ALL']);
      expect(service.security_opt, name).toContain('no-new-privileges:true');
      expect(service.tmpfs, name).toEqual([expect.stringMatching(/^\/tmp\b/)]);
    }
  });

  it('has no secret in the compose file itself', () => {
    for (const value of allStrings(compose)) {
      expect(value).not.toMatch(/bgw_[0-9A-Za-z]{32,}/);
      expect(value).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
    }
  });
});

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
