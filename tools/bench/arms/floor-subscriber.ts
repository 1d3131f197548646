import { TEST_REDIS_URL } from '@bastion/testing';
import { resolve } from 'node:path';
import { freePort, waitUntil, type ChildProcesses } from '../child-processes';
import { RawHttpClient } from '../raw-http.client';
import { swcRegisterArgs } from './bench-arm';
import { readyVersion, type ProxyWorker } from './proxy-worker';

/** Starts a floor subscriber (floor-subscriber.server.ts) on `channel`; it is probed like a worker. */
export async function startFloorSubscriber(
  children: ChildProcesses,
  name: string,
  channel: string,
): Promise<ProxyWorker> {
  const port = await freePort();
  const script = resolve(__dirname, '../floor-subscriber.server.ts');
  const child = children.start(name, process.execPath, [...swcRegisterArgs(), script], {
    BENCH_PORT: String(port),
    BENCH_CHANNEL: channel,
    REDIS_URL: TEST_REDIS_URL,
  });
  const origin = new URL(`http://127.0.0.1:${port}`);
  const floor: ProxyWorker = { child, origin, probe: new RawHttpClient(origin, 4) };
  await waitUntil(`floor subscriber ${name}`, async () => (await readyVersion(floor)) >= 0, 30_000).catch(
    (error: Error) => {
      throw new Error(`${error.message}\n${child.stderrTail()}`);
    },
  );
  return floor;
}
