import { TEST_REDIS_URL } from '@bastion/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';

/** The repository root (this file is apps/proxy/test/support/). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

/** One of the apps running as a real child process (its own process group). */
export interface NodeService {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  port: number;
  child: ChildProcess;
  /** What the process wrote to stdout and stderr so far (for failure messages). */
  output(): string;
  /** What the process wrote to stdout alone. */
  stdout(): string;
  /** SIGTERM to the whole group (the app and its upstream children), SIGKILL after a grace period. */
  stop(): Promise<void>;
}

/** A port that was free a moment ago (the child binds it right after). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/**
 * A proxy worker (apps/proxy/src/main.ts) on a free port and the test Redis, with `env` on top (its
 * Redis prefix, master key, log level...); resolves once `readyPath` answers 200.
 */
export async function startProxyWorker(
  env: Record<string, string>,
  readyPath = '/readyz',
): Promise<NodeService> {
  const port = await freePort();
  return startNodeService({
    entry: 'apps/proxy/src/main.ts',
    port,
    env: { REDIS_URL: TEST_REDIS_URL, ...env, PROXY_PORT: String(port) },
    readyPath,
  });
}

/**
 * Starts `node -r @swc-node/register <entry>` from the repository root with `env` (on top of PATH
 * and HOME only) and resolves once `readyPath` answers 200 (bounded by `timeoutMs`).
 */
export async function startNodeService(options: {
  entry: string;
  port: number;
  env: Record<string, string>;
  readyPath: string;
  timeoutMs?: number;
}): Promise<NodeService> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', options.entry], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  // Kept whole up to 8 MB: the canary test searches everything a process wrote.
  const collect = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-8_000_000));
  let stdout = '';
  child.stdout?.on('data', collect);
  child.stdout?.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString('utf8')).slice(-20_000)));
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const service: NodeService = {
    baseUrl,
    port: options.port,
    child,
    output: () => output,
    stdout: () => stdout,
    stop: () => stopGroup(child, exited),
  };
  try {
    await waitUntilReady(`${baseUrl}${options.readyPath}`, child, options.timeoutMs ?? 90_000);
  } catch (error) {
    await service.stop();
    throw new Error(`${options.entry} did not become ready: ${(error as Error).message}\n${output}`);
  }
  return service;
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`exited (${child.exitCode ?? child.signalCode})`);
    const status = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`no 200 from ${url} within ${timeoutMs} ms`);
}

async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
  signalGroup('SIGKILL'); // upstream children the app left behind
}
