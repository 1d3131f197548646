import { TEST_REDIS_URL } from '@bastion/testing';
import { resolve } from 'node:path';
import { freePort, waitUntil, type BenchChild, type ChildProcesses } from '../child-processes';
import { RawHttpClient } from '../raw-http.client';
import { REPO_ROOT, swcRegisterArgs } from './bench-arm';

/** What a worker needs to join a deployment: its Redis prefix and the master key. */
export interface WorkerEnv {
  prefix: string;
  masterKey: string;
}

/** A running Bastion proxy worker (a real `apps/proxy/src/main.ts` child process). */
export interface ProxyWorker {
  child: BenchChild;
  origin: URL;
  /** A keep-alive client for probes (/readyz, key checks) against this worker. */
  probe: RawHttpClient;
}

/** The config version a worker's /readyz reports (checks.snapshot.version), or -1 when not ready. */
export async function readyVersion(worker: ProxyWorker): Promise<number> {
  const reply = await worker.probe.get('/readyz');
  if (reply.status !== 200) return -1;
  const body = JSON.parse(reply.body) as { checks?: { snapshot?: { version?: number } } };
  return body.checks?.snapshot?.version ?? -1;
}

/**
 * Starts `node -r @swc-node/register apps/proxy/src/main.ts` on a free loopback port and waits until
 * it serves a snapshot of at least `minVersion`. `nodeArgs` go before the script (e.g. --cpu-prof).
 */
export async function startProxyWorker(
  children: ChildProcesses,
  name: string,
  env: WorkerEnv,
  minVersion: number,
  nodeArgs: readonly string[] = [],
): Promise<ProxyWorker> {
  const port = await freePort();
  const script = resolve(REPO_ROOT, 'apps/proxy/src/main.ts');
  const child = children.start(name, process.execPath, [...nodeArgs, ...swcRegisterArgs(), script], {
    REDIS_URL: TEST_REDIS_URL,
    BASTION_REDIS_PREFIX: env.prefix,
    BASTION_MASTER_KEY: env.masterKey,
    PROXY_PORT: String(port),
    BASTION_HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
  });
  const origin = new URL(`http://127.0.0.1:${port}`);
  const worker: ProxyWorker = { child, origin, probe: new RawHttpClient(origin, 4) };
  await waitUntil(
    `proxy worker ${name}`,
    async () => (await readyVersion(worker)) >= minVersion,
    60_000,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${child.stderrTail()}`);
  });
  return worker;
}
