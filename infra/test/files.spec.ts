import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { infraPath, listInfraFiles, readInfra, readYamlDocuments } from './support';

const files = listInfraFiles();
const yamlFiles = files.filter((file) => /\.ya?ml$/.test(file));
const jsonFiles = files.filter((file) => file.endsWith('.json'));

describe('infra files', () => {
  it('has the expected layout', () => {
    for (const file of [
      'docker-compose.yml',
      '.env.example',
      'docker/Dockerfile',
      'docker/entrypoint.sh',
      'haproxy/haproxy.cfg',
      'otel-collector/config.yaml',
      'prometheus/prometheus.yml',
      'prometheus/rules/bastion.rules.yml',
      'prometheus/rules/bastion.rules.test.yml',
      'loki/loki-config.yaml',
      'blackbox/blackbox.yml',
      'grafana/provisioning/datasources/datasources.yaml',
      'grafana/provisioning/dashboards/dashboards.yaml',
      'grafana/dashboards/bastion-overview.json',
      'k8s/kustomization.yaml',
      'k8s/monitoring/prometheus-scrape.yml',
    ]) {
      expect(files, file).toContain(file);
    }
  });

  it.each(yamlFiles)('%s is valid YAML', (file) => {
    const docs = readYamlDocuments(file);
    expect(docs.length, `${file} has no document`).toBeGreaterThan(0);
    for (const doc of docs) expect(typeof doc, file).toBe('object');
  });

  it.each(jsonFiles)('%s is valid JSON', (file) => {
    expect(() => JSON.parse(readInfra(file)) as unknown).not.toThrow();
  });

  it('the container entrypoint is valid POSIX sh and dispatches both apps to existing sources', () => {
    const check = spawnSync('sh', ['-n', infraPath('docker/entrypoint.sh')], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    const script = readInfra('docker/entrypoint.sh');
    for (const [command, source] of [
      ['api', 'apps/api/src/main.ts'],
      ['proxy', 'apps/proxy/src/main.ts'],
      ['migrate', 'libs/db/src/migrate/migrate.command.ts'],
    ]) {
      expect(script).toMatch(new RegExp(`^\\s*${command}\\) run_ts ${source.replace(/\./g, '\\.')}`, 'm'));
      expect(() => readInfra('..', source)).not.toThrow();
    }
  });

  it('the Dockerfile builds from node:20-bookworm-slim with npm ci, runs as non-root, and selects the app by command', () => {
    const dockerfile = readInfra('docker/Dockerfile');
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(dockerfile).toMatch(/^FROM \$\{NODE_IMAGE\} AS base$/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev --ignore-scripts/);
    expect(dockerfile).toMatch(/node tools\/prisma-generate\.mjs/);
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.length).toBeGreaterThan(0);
    // The last USER is the one the container runs as: numeric and not root, so that Kubernetes'
    // runAsNonRoot can verify it.
    expect(users.at(-1)).toMatch(/^[1-9]\d*(:\d+)?$/);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--", "\/usr\/local\/bin\/bastion"\]$/m);
    expect(dockerfile).toMatch(/^COPY .*infra\/docker\/entrypoint\.sh \/usr\/local\/bin\/bastion$/m);
    // Every COPY source from the build context exists in the repository.
    for (const match of dockerfile.matchAll(/^COPY (?!--from)(?:--\S+ )*(.+) \S+$/gm)) {
      for (const source of match[1].split(/\s+/)) {
        expect(() => readInfra('..', source), `COPY ${source}`).not.toThrow(/ENOENT/);
      }
    }
    // The BuildKit ignore file next to the Dockerfile keeps secrets and local data out of the context.
    const ignore = readInfra('docker/Dockerfile.dockerignore');
    for (const pattern of ['**/.env', '.bastion', '**/node_modules', '.git'])
      expect(ignore).toContain(pattern);
  });
});
