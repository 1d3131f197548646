/**
 * Warm tools/call cost through UpstreamPool vs the SDK Client used directly, against the same
 * `echo` fixture over stdio. Interleaved rounds (direct, pool, direct, pool…) because absolute
 * numbers drift on a shared machine. Reports calls/s and this process's CPU ms per call.
 *
 *   node -r @swc-node/register libs/upstream/src/test/pool-overhead.bench.ts [calls] [rounds] [concurrency]
 */
import { randomUUID } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { fixtureServerCommand, testServerEntry } from '@bastion/testing';
import { UpstreamPool } from '../upstream.pool';

type Call = (i: number) => Promise<unknown>;

async function measure(label: string, calls: number, concurrency: number, send: Call): Promise<string> {
  let next = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls) await send(next++);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / calls;
  return `${label.padEnd(6)} ${Math.round(calls / seconds)
    .toString()
    .padStart(6)} calls/s  ${cpuMs.toFixed(3)} CPU-ms/call`;
}

async function main(): Promise<void> {
  const [calls = 2000, rounds = 3, concurrency = 1] = process.argv.slice(2).map(Number);
  const { command, args } = fixtureServerCommand('echo');
  const direct = new Client({ name: 'bench', version: '1' });
  await direct.connect(new StdioClientTransport({ command, args, stderr: 'ignore' }));
  const pool = new UpstreamPool({
    openSecret: (sealed) => sealed,
    maxProcesses: 4,
    idleMs: 600_000,
    maxResponseBytes: 1024 * 1024,
    slowCallWarnRatio: 0.9,
    log: () => undefined,
  });
  const target = { projectId: randomUUID(), server: testServerEntry({ name: 'echo', command, args }) };
  const params = (i: number) => ({ name: 'echo', arguments: { message: `hello ${i}` } });
  const viaDirect: Call = (i) =>
    direct.request({ method: 'tools/call', params: params(i) }, CallToolResultSchema);
  const anyObject = z.custom<object>((value) => typeof value === 'object' && value !== null);
  const viaBare: Call = (i) => direct.request({ method: 'tools/call', params: params(i) }, anyObject);
  const viaPool: Call = (i) => pool.request(target, 'tools/call', params(i), { operation: 'call' });
  for (const send of [viaDirect, viaBare, viaPool]) await measure('warmup', 3000, concurrency, send);
  for (let round = 0; round < rounds; round += 1) {
    process.stdout.write(
      `${await measure('direct', calls, concurrency, viaDirect)}  (SDK Client, CallToolResultSchema)\n`,
    );
    process.stdout.write(
      `${await measure('bare', calls, concurrency, viaBare)}  (SDK Client, no result parsing)\n`,
    );
    process.stdout.write(`${await measure('pool', calls, concurrency, viaPool)}  (UpstreamPool)\n`);
  }
  await direct.close();
  await pool.close();
}

void main();
