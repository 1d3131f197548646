import { cpuMs, descendantsOf, treeCpuMs } from './proc-stats';
import type { RawMcpSession } from './raw-mcp.session';

/** The outcome of a fixed number of echo calls spread over some sessions. */
export interface CallsResult {
  calls: number;
  /** Latency of every successful call, ms. */
  latenciesMs: Float64Array;
  elapsedMs: number;
  errors: number;
  firstError?: string;
}

/** What the measured server process spent while a piece of work ran. */
export interface ServerUsage {
  /** CPU ms of the server process itself. */
  cpuMs: number;
  /** CPU ms of the server and every descendant (e.g. its stdio upstream). */
  treeCpuMs: number;
  /** CPU ms of this load generator (the client) meanwhile. */
  clientCpuMs: number;
  /** Descendant processes seen during the work that did not exist before it (sampled every 20 ms). */
  spawned: number;
}

const SPAWN_SAMPLE_MS = 20;

/**
 * Makes `total` echo calls, each session one lane running calls back to back (concurrency = number
 * of sessions). Every message is distinct so nothing can be served from a cache.
 */
export async function runCalls(
  sessions: readonly RawMcpSession[],
  total: number,
  tag: string,
): Promise<CallsResult> {
  const latencies = new Float64Array(total).fill(Number.NaN);
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const lane = async (session: RawMcpSession) => {
    while (next < total) {
      const index = next++;
      const start = process.hrtime.bigint();
      try {
        await session.echo(`${tag}-${index}`);
        latencies[index] = Number(process.hrtime.bigint() - start) / 1e6;
      } catch (error) {
        errors++;
        firstError ??= String(error);
      }
    }
  };
  const start = process.hrtime.bigint();
  await Promise.all(sessions.map(lane));
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (errors === total) throw new Error(`every call failed: ${firstError}`);
  return {
    calls: total,
    latenciesMs: latencies.filter((value) => !Number.isNaN(value)),
    elapsedMs,
    errors,
    firstError,
  };
}

/** Runs `work` while reading the server process's CPU time and watching for new descendants. */
export async function withServerUsage<T>(pid: number, work: () => Promise<T>): Promise<T & ServerUsage> {
  const before = new Set(descendantsOf(pid));
  const seen = new Set<number>();
  const sample = () => descendantsOf(pid).forEach((child) => before.has(child) || seen.add(child));
  const timer = setInterval(sample, SPAWN_SAMPLE_MS);
  const [cpu0, tree0, client0] = [cpuMs(pid), treeCpuMs(pid), process.cpuUsage()];
  try {
    const result = await work();
    sample();
    const client = process.cpuUsage(client0);
    const clientCpuMs = (client.user + client.system) / 1000;
    return {
      ...result,
      cpuMs: cpuMs(pid) - cpu0,
      treeCpuMs: treeCpuMs(pid) - tree0,
      clientCpuMs,
      spawned: seen.size,
    };
  } finally {
    clearInterval(timer);
  }
}
