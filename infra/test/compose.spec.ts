// docker-compose.yml itself: services, secrets, app environments (checked with the real config schema), healthchecks.
import { loadConfig } from '@bastion/config';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
} from './support';

import {
  type Service,
  exitCode,
  composeText,
  compose,
  services,
  envExample,
  REQUIRED_SECRETS,
  testSecrets,
  resolved,
  readmeVariables,
  APP_SERVICES,
  volumesOf,
  networksOf,
  dependsOn,
  healthcheckCommand,
} from './compose.fixture';

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
