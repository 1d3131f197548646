import { resolve } from 'node:path';
import { freePort, waitUntil, type ChildProcesses } from '../child-processes';
import { canInitialize, swcRegisterArgs, type BenchArm } from './bench-arm';

/** Arm A (the baseline): the echo tool on the SDK's own Streamable HTTP server, in a child process. */
export async function startDirectArm(children: ChildProcesses): Promise<BenchArm> {
  const port = await freePort();
  const script = resolve(__dirname, '../echo-http.server.ts');
  const server = children.start('direct', process.execPath, [...swcRegisterArgs(), script], {
    BENCH_PORT: String(port),
  });
  const arm: BenchArm = {
    name: 'direct',
    label: 'SDK Streamable HTTP server (stateful, JSON responses)',
    origin: new URL(`http://127.0.0.1:${port}`),
    endpoint: { path: '/mcp', headers: {}, toolName: 'echo' },
    server,
  };
  await waitUntil('the direct SDK server', () => canInitialize(arm.origin, arm.endpoint), 30_000).catch(
    (error: Error) => {
      throw new Error(`${error.message}\n${server.stderrTail()}`);
    },
  );
  return arm;
}
