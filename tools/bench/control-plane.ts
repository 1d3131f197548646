import { generateApiKey, generateMasterKey } from '@bastion/crypto';
import { createTestDatabase, fixtureServerCommand, TEST_REDIS_URL, uniqueSuffix } from '@bastion/testing';
import { resolve } from 'node:path';
import { REPO_ROOT, swcRegisterArgs } from './arms/bench-arm';
import { deletePrefix } from './arms/gateway.arm';
import { startProxyWorker, type ProxyWorker, type WorkerEnv } from './arms/proxy-worker';
import { freePort, waitUntil, type BenchChild, type ChildProcesses } from './child-processes';
import { startFloorSubscriber } from './arms/floor-subscriber';
import type { Cleanups } from './cleanups';
import { RawHttpClient } from './raw-http.client';
import { RedisProbes } from './redis-probes';

/** A JSON REST reply. */
export interface RestReply {
  status: number;
  body: Record<string, unknown>;
}

/** The api (a child process on its own database) and N proxy workers on one Redis prefix. */
export interface ControlPlane {
  api: BenchChild;
  workers: ProxyWorker[];
  /** Stand-in workers that only subscribe to a raw Redis channel: the propagation floor. */
  floors: ProxyWorker[];
  probes: RedisProbes;
  /** Ids of the provisioned user, project, config and stdio server. */
  ids: { userId: string; projectId: string; configId: string; serverId: string };
  /** An admin REST call under /api/v1. */
  rest(method: string, path: string, body?: unknown): Promise<RestReply>;
  /** The committed global config version (GET /api/v1/system/version). */
  configVersion(): Promise<number>;
  close(): Promise<void>;
}

function restClient(origin: URL, adminKey: string) {
  const http = new RawHttpClient(origin, 2);
  const rest = async (method: string, path: string, body?: unknown): Promise<RestReply> => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { authorization: `Bearer ${adminKey}` };
    if (text !== undefined)
      Object.assign(headers, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
    const reply = await http.send(method, `/api/v1${path}`, headers, text);
    return {
      status: reply.status,
      body: reply.body ? (JSON.parse(reply.body) as Record<string, unknown>) : {},
    };
  };
  return { http, rest };
}

async function created(reply: Promise<RestReply>, what: string): Promise<string> {
  const { status, body } = await reply;
  if (status !== 201 && status !== 200)
    throw new Error(`creating ${what}: HTTP ${status} ${JSON.stringify(body)}`);
  return String(body['id']);
}

/** A user, a config with the stdio echo fixture as server `echo`, and a project using that config. */
async function provision(rest: ControlPlane['rest']): Promise<ControlPlane['ids']> {
  const echo = fixtureServerCommand('echo');
  const userId = await created(
    rest('POST', '/users', { email: `bench-${uniqueSuffix()}@example.com`, name: 'Bench' }),
    'user',
  );
  const configId = await created(rest('POST', '/mcp-configs', { name: 'bench' }), 'config');
  const server = { name: 'echo', transport: 'stdio', command: echo.command, args: echo.args };
  const serverId = await created(rest('POST', `/mcp-configs/${configId}/servers`, server), 'server');
  const projectId = await created(rest('POST', '/projects', { name: 'bench' }), 'project');
  const patched = await rest('PATCH', `/projects/${projectId}`, { mcpConfigId: configId });
  if (patched.status !== 200) throw new Error(`assigning the config: HTTP ${patched.status}`);
  return { userId, projectId, configId, serverId };
}

async function startApi(children: ChildProcesses, env: WorkerEnv, databaseUrl: string, adminKey: string) {
  const port = await freePort();
  const api = children.start(
    'api',
    process.execPath,
    [...swcRegisterArgs(), resolve(REPO_ROOT, 'apps/api/src/main.ts')],
    {
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      BASTION_REDIS_PREFIX: env.prefix,
      BASTION_MASTER_KEY: env.masterKey,
      BASTION_BOOTSTRAP_ADMIN_KEY: adminKey,
      API_PORT: String(port),
      BASTION_HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
    },
  );
  const origin = new URL(`http://127.0.0.1:${port}`);
  const probe = new RawHttpClient(origin, 1);
  await waitUntil('the api', async () => (await probe.get('/readyz')).status === 200, 90_000).catch(
    (error: Error) => {
      throw new Error(`${error.message}\n${api.stderrTail()}`);
    },
  );
  probe.close();
  return { api, origin };
}

async function startWorkers(children: ChildProcesses, env: WorkerEnv, count: number, version: number) {
  const workers: ProxyWorker[] = [];
  for (let index = 0; index < count; index++)
    workers.push(await startProxyWorker(children, `worker-${index}`, env, version));
  return workers;
}

async function startFloors(children: ChildProcesses, channel: string, count: number) {
  const floors: ProxyWorker[] = [];
  for (let index = 0; index < count; index++)
    floors.push(await startFloorSubscriber(children, `floor-${index}`, channel));
  return floors;
}

async function startProcesses(
  children: ChildProcesses,
  env: WorkerEnv,
  databaseUrl: string,
  workerCount: number,
) {
  const adminKey = generateApiKey();
  const { api, origin } = await startApi(children, env, databaseUrl, adminKey);
  const { http, rest } = restClient(origin, adminKey);
  const configVersion = async () => Number((await rest('GET', '/system/version')).body['configVersion']);
  const ids = await provision(rest);
  const workers = await startWorkers(children, env, workerCount, await configVersion());
  const probes = await RedisProbes.open(env.prefix);
  const floors = await startFloors(children, probes.floorChannel, workerCount).catch((error: unknown) => {
    probes.close();
    throw error;
  });
  const stop = async () => {
    for (const worker of [...workers, ...floors]) worker.probe.close();
    http.close();
    probes.close();
    await Promise.all([
      ...[...workers, ...floors].map((worker) => children.stop(worker.child)),
      children.stop(api),
    ]);
  };
  return { api, workers, floors, probes, ids, rest, configVersion, stop };
}

/**
 * Starts the api on a fresh database, provisions a project, then starts `workerCount` workers and
 * as many floor subscribers. The database and the Redis prefix go away on close, or at once when
 * starting fails (the child processes are stopped by the caller's ChildProcesses in any case).
 */
export async function startControlPlane(
  children: ChildProcesses,
  cleanups: Cleanups,
  workerCount: number,
): Promise<ControlPlane> {
  const database = await createTestDatabase();
  const env: WorkerEnv = { prefix: `bench:${uniqueSuffix()}:`, masterKey: generateMasterKey() };
  const forget = cleanups.add(
    async () => void (await Promise.allSettled([database.drop(), deletePrefix(env.prefix)])),
  );
  try {
    const { stop, ...plane } = await startProcesses(children, env, database.url, workerCount);
    return { ...plane, close: () => stop().finally(forget) };
  } catch (error) {
    children.killAll();
    await forget();
    throw error;
  }
}
