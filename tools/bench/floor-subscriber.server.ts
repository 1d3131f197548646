/**
 * The propagation floor: a stand-in worker that only subscribes to a Redis channel and reports the
 * last version it received on `/readyz` in the proxy's shape (checks.snapshot.version). Polled the
 * same way as the real workers, interleaved with them, so the box's scheduling noise shows up in
 * both. Child process: BENCH_PORT, REDIS_URL, BENCH_CHANNEL; binds 127.0.0.1 only.
 */
import { createRedis, whenRedisReady } from '@bastion/bus';
import { createServer } from 'node:http';

let version = 0;
const subscriber = createRedis({ url: process.env['REDIS_URL'], connectionName: 'bastion-bench-floor' });
subscriber.on('message', (_channel: string, message: string) => {
  version = Math.max(version, (JSON.parse(message) as { version: number }).version);
});

const server = createServer((request, response) => {
  if (request.url !== '/readyz') return void response.writeHead(404).end();
  const body = JSON.stringify({ status: 'ready', checks: { snapshot: { ok: true, version } } });
  response
    .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
    .end(body);
});

whenRedisReady(subscriber, 10_000)
  .then(() => subscriber.subscribe(process.env['BENCH_CHANNEL'] ?? 'bench:floor'))
  .then(() => server.listen(Number(process.env['BENCH_PORT'] ?? 0), '127.0.0.1'))
  .catch((error: unknown) => {
    process.stderr.write(`floor subscriber failed: ${String(error)}\n`);
    process.exit(1);
  });
process.once('SIGTERM', () => process.exit(0));
