import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** Absolute path of a bin script installed in the workspace's node_modules/.bin. */
export function workspaceBin(name: string): string {
  return resolve(__dirname, '../../../../node_modules/.bin', name);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** A running `mcp-server-everything streamableHttp` child. */
export interface EverythingHttpServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts server-everything in Streamable HTTP mode on a free port (it listens on all interfaces;
 * acceptable on the closed test machine) and waits until it accepts requests.
 */
export async function startEverythingHttp(): Promise<EverythingHttpServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [workspaceBin('mcp-server-everything'), 'streamableHttp'],
    {
      env: { PATH: process.env['PATH'] ?? '', PORT: String(port) },
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}/mcp`;
  const until = Date.now() + 15_000;
  for (;;) {
    const up = await fetch(url, { method: 'GET' }).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > until || child.exitCode !== null) throw new Error('server-everything did not start');
    await new Promise((done) => setTimeout(done, 50));
  }
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
