import { fixtureServerCommand } from '@bastion/testing';
import { freePort, waitUntil, type ChildProcesses } from '../child-processes';
import { canInitialize, mcpProxyScript, type BenchArm } from './bench-arm';

/** Arm C (reference): punkpeye mcp-proxy fronting the stdio echo fixture, with its defaults. */
export async function startMcpProxyArm(children: ChildProcesses): Promise<BenchArm> {
  const port = await freePort();
  const echo = fixtureServerCommand('echo');
  const args = [
    mcpProxyScript(),
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--server',
    'stream',
    '--',
    echo.command,
    ...echo.args,
  ];
  const server = children.start('mcp-proxy', process.execPath, args);
  const arm: BenchArm = {
    name: 'mcp-proxy',
    label: 'mcp-proxy 6.7.19 → stdio echo',
    origin: new URL(`http://127.0.0.1:${port}`),
    endpoint: { path: '/mcp', headers: {}, toolName: 'echo' },
    server,
  };
  await waitUntil('mcp-proxy', () => canInitialize(arm.origin, arm.endpoint), 60_000).catch(
    (error: Error) => {
      throw new Error(`${error.message}\n${server.stderrTail()}`);
    },
  );
  return arm;
}
