import { openArmSessions, type ArmSessions } from './arms/arm-sessions';
import type { ArmName, BenchArm } from './arms/bench-arm';
import { startDirectArm } from './arms/direct.arm';
import { publishGatewayDeployment, startGatewayArm, type GatewayDeployment } from './arms/gateway.arm';
import { startMcpProxyArm } from './arms/mcp-proxy.arm';
import type { BenchOptions } from './bench.options';
import type { BenchResults } from './bench-results.types';
import type { ChildProcesses } from './child-processes';
import type { Cleanups } from './cleanups';
import { runCalls } from './load.runner';
import { runIdleSessions } from './phases/idle-sessions.phase';
import { runInterleaved } from './phases/interleaved.phase';
import type { ArmSet, SpawnTally } from './phases/phase.types';

/** What the data-plane part of the run measured. */
export type DataPlaneResults = Pick<
  BenchResults,
  'arms' | 'latency' | 'throughput' | 'spawnsPer1000Calls' | 'idleSessions'
>;

type Log = (line: string) => void;

const MAX_CONCURRENCY = 64;
const ARM_ORDER: readonly ArmName[] = ['direct', 'gateway', 'mcp-proxy'];

function armStarter(children: ChildProcesses, deployment: GatewayDeployment) {
  return (name: ArmName): Promise<BenchArm> => {
    if (name === 'direct') return startDirectArm(children);
    if (name === 'gateway') return startGatewayArm(children, deployment);
    return startMcpProxyArm(children);
  };
}

async function warmUp(arms: ArmSet, options: BenchOptions, log: Log): Promise<void> {
  for (const arm of arms) {
    log(`warming up ${arm.arm.name}…`);
    await runCalls(arm.sessions.slice(0, 1), options.warmupCalls, 'warm1');
    await runCalls(arm.sessions.slice(0, 16), options.warmupCalls, 'warm16');
    await runCalls(arm.sessions, MAX_CONCURRENCY * 10, 'warm64');
  }
}

async function measureLoad(arms: ArmSet, options: BenchOptions, log: Log) {
  const spawns = new Map<ArmName, SpawnTally>();
  const run = (concurrency: number, rounds: number, callsPerRound: number) =>
    runInterleaved(arms, { concurrency, rounds, callsPerRound }, spawns, log);
  const c1 = await run(1, options.latencyRounds, options.callsPerRoundC1);
  const c16 = await run(16, options.latencyRounds, options.callsPerRoundC16);
  const throughput = await run(MAX_CONCURRENCY, options.throughputRounds, options.throughputCalls);
  const spawnsPer1000Calls: DataPlaneResults['spawnsPer1000Calls'] = {};
  for (const [name, tally] of spawns)
    spawnsPer1000Calls[name] = { ...tally, per1000: (tally.spawned * 1000) / tally.calls };
  return { latency: [c1, c16], throughput, spawnsPer1000Calls };
}

/** Latency, throughput, CPU and spawns with all three arms running side by side. */
async function runLoadArms(
  children: ChildProcesses,
  start: (name: ArmName) => Promise<BenchArm>,
  options: BenchOptions,
  log: Log,
) {
  const sets: ArmSessions[] = [];
  try {
    log('starting arms: direct, gateway, mcp-proxy…');
    for (const name of ARM_ORDER) sets.push(await openArmSessions(await start(name), MAX_CONCURRENCY));
    await warmUp(sets, options, log);
    return {
      arms: sets.map(({ arm }) => ({ name: arm.name, label: arm.label })),
      ...(await measureLoad(sets, options, log)),
    };
  } finally {
    sets.forEach((set) => set.http.close());
    await Promise.all(sets.map((set) => children.stop(set.arm.server)));
  }
}

/** Idle-session memory, each arm on a fresh process (warmed with a few calls) so heap headroom left by the load phases cannot hide it. */
async function runIdleArms(
  children: ChildProcesses,
  start: (name: ArmName) => Promise<BenchArm>,
  options: BenchOptions,
  log: Log,
) {
  const idle: DataPlaneResults['idleSessions'] = {};
  for (const name of ARM_ORDER) {
    const set = await openArmSessions(await start(name), 1);
    try {
      await runCalls(set.sessions, options.warmupCalls, 'warm-idle');
      log(`opening ${options.idleSessions} idle sessions on a fresh ${name}…`);
      idle[name] = await runIdleSessions(set.arm, options.idleSessions);
    } finally {
      set.http.close();
      await children.stop(set.arm.server);
    }
  }
  return idle;
}

/** The data-plane benchmark: three arms on the same stdio/HTTP echo tool. */
export async function runDataPlane(
  children: ChildProcesses,
  cleanups: Cleanups,
  options: BenchOptions,
  log: Log,
): Promise<DataPlaneResults> {
  const deployment = await publishGatewayDeployment(cleanups);
  try {
    const start = armStarter(children, deployment);
    const load = await runLoadArms(children, start, options, log);
    return { ...load, idleSessions: await runIdleArms(children, start, options, log) };
  } finally {
    await deployment.cleanup();
  }
}
