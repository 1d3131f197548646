import { readyVersion, type ProxyWorker } from '../arms/proxy-worker';
import type { ControlPlane } from '../control-plane';
import { msSince, percentile } from '../stats';

/** p50 / p99 / max of some samples, ms. */
export interface Percentiles {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Time from a REST write's response until every worker shows it, over many writes. */
export interface PropagationResult extends Percentiles {
  samples: number;
  workers: number;
  /** Until the first worker showed it. */
  firstWorker: Percentiles;
  /** Until the bench's own subscriber saw the change event on Redis (negative: published before the response arrived). */
  eventOnRedis: Percentiles;
  /** The floor, interleaved write for write: raw SET + PUBLISH → as many bare subscribers, polled the same way. */
  floor: Percentiles;
  /** Writes that bumped the config version by more than one. */
  multiBumps: number;
  samplesMs: number[];
}

/** When the first and the last of a set of workers met a condition, ms from the start stamp. */
export interface Convergence {
  firstMs: number;
  lastMs: number;
}

const POLL_GAP_MS = 1;
const DEADLINE_MS = 5_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** p50, p99 and max of samples. */
export function percentiles(samples: readonly number[]): Percentiles {
  return { p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), maxMs: Math.max(...samples) };
}

/**
 * Polls every worker (a request, then a 1 ms gap, per worker) until `holds` is true for it; resolves
 * with when the first and the last worker held, ms from `start`. Bounded by a 5 s deadline.
 */
export async function untilAllWorkers(
  workers: readonly ProxyWorker[],
  holds: (worker: ProxyWorker) => Promise<boolean>,
  start: bigint,
): Promise<Convergence> {
  const one = async (worker: ProxyWorker) => {
    for (;;) {
      if (await holds(worker)) return msSince(start);
      if (msSince(start) > DEADLINE_MS)
        throw new Error(`${worker.child.name} did not converge in ${DEADLINE_MS} ms`);
      await pause(POLL_GAP_MS);
    }
  };
  const times = await Promise.all(workers.map(one));
  return { firstMs: Math.min(...times), lastMs: Math.max(...times) };
}

const atLeast = (version: number) => async (worker: ProxyWorker) => (await readyVersion(worker)) >= version;

async function oneWrite(plane: ControlPlane, index: number, before: number) {
  const { configId, serverId } = plane.ids;
  const reply = await plane.rest('PATCH', `/mcp-configs/${configId}/servers/${serverId}`, {
    toolsDeny: [`bench-deny-${index}`],
  });
  const start = process.hrtime.bigint();
  if (reply.status !== 200)
    throw new Error(`PATCH server: HTTP ${reply.status} ${JSON.stringify(reply.body)}`);
  let converged = await untilAllWorkers(plane.workers, atLeast(before + 1), start);
  const version = await plane.configVersion();
  if (version > before + 1) converged = await untilAllWorkers(plane.workers, atLeast(version), start);
  const seenAt = plane.probes.eventSeenAt(version);
  const eventMs = seenAt === undefined ? Number.NaN : Number(seenAt - start) / 1e6;
  return { ...converged, eventMs, version };
}

async function oneFloorWrite(plane: ControlPlane, version: number): Promise<number> {
  await plane.probes.publishFloor(version);
  const start = process.hrtime.bigint();
  return (await untilAllWorkers(plane.floors, atLeast(version), start)).lastMs;
}

/**
 * `writes` sequential PATCHes of a server's toolsDeny, each timed until every worker's /readyz has it,
 * each followed by a floor write timed the same way.
 */
export async function runPropagation(
  plane: ControlPlane,
  writes: number,
  warmup = 5,
): Promise<PropagationResult> {
  let version = await plane.configVersion();
  const [last, first, event, floor] = [[], [], [], []] as number[][];
  let multiBumps = 0;
  for (let index = 0; index < warmup + writes; index++) {
    const outcome = await oneWrite(plane, index, version);
    if (outcome.version > version + 1) multiBumps++;
    version = outcome.version;
    await pause(3 + (index % 4) * 3); // unaligned with the workers' timers
    const floorMs = await oneFloorWrite(plane, index + 1);
    if (index >= warmup)
      [last, first, event, floor].forEach((list, at) =>
        list.push([outcome.lastMs, outcome.firstMs, outcome.eventMs, floorMs][at]),
      );
    await pause(3 + (index % 3) * 3);
  }
  return {
    samples: last.length,
    workers: plane.workers.length,
    ...percentiles(last),
    firstWorker: percentiles(first),
    eventOnRedis: percentiles(event.filter((ms) => !Number.isNaN(ms))),
    floor: percentiles(floor),
    multiBumps,
    samplesMs: last,
  };
}
