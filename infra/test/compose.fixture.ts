// docker-compose.yml loaded once (raw, and resolved with .env.example plus test secrets) and the helpers the compose specs share.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { interpolateDeep, parseEnvFile, readInfra, readYaml, readmeConfigVariables } from './support';

export type Service = Record<string, any>;

/** Runs a command (bounded) and resolves with its exit code. */
export function exitCode(command: string, args: string[]): Promise<number> {
  return new Promise((done) => {
    execFile(command, args, { timeout: 15_000 }, (error) => {
      done(error ? (typeof error.code === 'number' ? error.code : -1) : 0);
    });
  });
}

export const composeText = readInfra('docker-compose.yml');
export const compose = readYaml('docker-compose.yml');
export const services = compose.services as Record<string, Service>;
export const envExample = parseEnvFile(readInfra('.env.example'));
/** The secrets .env.example leaves empty on purpose (compose refuses to start without them). */
export const REQUIRED_SECRETS = [
  'BASTION_MASTER_KEY',
  'POSTGRES_PASSWORD',
  'GRAFANA_ADMIN_PASSWORD',
] as const;
export const testSecrets: Record<(typeof REQUIRED_SECRETS)[number], string> = {
  BASTION_MASTER_KEY: randomBytes(32).toString('base64'),
  POSTGRES_PASSWORD: randomBytes(24).toString('hex'),
  GRAFANA_ADMIN_PASSWORD: randomBytes(16).toString('hex'),
};
/** The compose file as `docker compose` sees it with .env.example plus generated secrets. */
export const resolved = interpolateDeep(compose, { ...envExample, ...testSecrets }) as {
  services: Record<string, Service>;
};
export const readmeVariables = readmeConfigVariables();
export const APP_SERVICES = ['api', 'proxy'] as const;

/** Short or long volume syntax → { source, target, type }. */
export function volumesOf(
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

export function networksOf(service: Service): string[] {
  const networks = service.networks ?? [];
  return Array.isArray(networks) ? (networks as string[]) : Object.keys(networks as object);
}

export function dependsOn(service: Service): string[] {
  const deps = service.depends_on ?? [];
  return Array.isArray(deps) ? (deps as string[]) : Object.keys(deps as object);
}

export function healthcheckCommand(service: Service): string {
  const test = service.healthcheck?.test as string | string[] | undefined;
  if (!test) return '';
  return Array.isArray(test) ? test.join(' ') : test;
}
