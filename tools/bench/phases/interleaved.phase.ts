import type { ArmName } from '../arms/bench-arm';
import type { ArmSessions } from '../arms/arm-sessions';
import { runCalls, withServerUsage } from '../load.runner';
import { percentile, spread } from '../stats';
import type { ArmLatency, ArmSet, LatencyResult, SpawnTally } from './phase.types';

interface RoundStat {
  p50: number;
  p99: number;
  callsPerSec: number;
  errors: number;
  calls: number;
  cpuMs: number;
  treeCpuMs: number;
  clientCpuMs: number;
}

/** Which arms run in round `round`: forward on even rounds, backward on odd ones (A B C | C B A). */
function roundOrder(arms: ArmSet, round: number): ArmSet {
  return round % 2 === 0 ? arms : [...arms].reverse();
}

async function measureRound(
  arm: ArmSessions,
  concurrency: number,
  calls: number,
  tag: string,
  spawns: Map<ArmName, SpawnTally>,
) {
  const result = await withServerUsage(arm.arm.server.pid, () =>
    runCalls(arm.sessions.slice(0, concurrency), calls, tag),
  );
  const tally = spawns.get(arm.arm.name) ?? { calls: 0, spawned: 0 };
  spawns.set(arm.arm.name, { calls: tally.calls + calls, spawned: tally.spawned + result.spawned });
  return {
    p50: percentile(result.latenciesMs, 50),
    p99: percentile(result.latenciesMs, 99),
    callsPerSec: (result.latenciesMs.length * 1000) / result.elapsedMs,
    errors: result.errors,
    calls,
    cpuMs: result.cpuMs,
    treeCpuMs: result.treeCpuMs,
    clientCpuMs: result.clientCpuMs,
  } satisfies RoundStat;
}

function total(rounds: readonly RoundStat[], field: 'cpuMs' | 'treeCpuMs' | 'clientCpuMs' | 'calls'): number {
  return rounds.reduce((sum, stat) => sum + stat[field], 0);
}

function summarize(rounds: readonly RoundStat[], baseline: readonly RoundStat[]): ArmLatency {
  const pairs = rounds.map((stat, index) => [stat, baseline[index]] as const);
  return {
    p50Ms: spread(rounds.map((stat) => stat.p50)),
    p99Ms: spread(rounds.map((stat) => stat.p99)),
    ratioP50: spread(pairs.map(([stat, base]) => stat.p50 / base.p50)),
    ratioP99: spread(pairs.map(([stat, base]) => stat.p99 / base.p99)),
    addedP50Ms: spread(pairs.map(([stat, base]) => stat.p50 - base.p50)),
    addedP99Ms: spread(pairs.map(([stat, base]) => stat.p99 - base.p99)),
    callsPerSec: spread(rounds.map((stat) => stat.callsPerSec)),
    errors: rounds.reduce((sum, stat) => sum + stat.errors, 0),
    cpuMsPerCall: total(rounds, 'cpuMs') / total(rounds, 'calls'),
    treeCpuMsPerCall: total(rounds, 'treeCpuMs') / total(rounds, 'calls'),
    clientCpuMsPerCall: total(rounds, 'clientCpuMs') / total(rounds, 'calls'),
  };
}

/**
 * Runs `rounds` rounds of `callsPerRound` calls per arm at `concurrency`, arms interleaved ABBA, and
 * reports each arm against the first (the baseline) as medians of per-round ratios with min–max.
 */
export async function runInterleaved(
  arms: ArmSet,
  options: { concurrency: number; rounds: number; callsPerRound: number },
  spawns: Map<ArmName, SpawnTally>,
  progress: (line: string) => void,
): Promise<LatencyResult> {
  const stats = new Map<ArmName, RoundStat[]>(arms.map((arm) => [arm.arm.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const arm of roundOrder(arms, round)) {
      const tag = `c${options.concurrency}r${round}`;
      const stat = await measureRound(arm, options.concurrency, options.callsPerRound, tag, spawns);
      stats.get(arm.arm.name)!.push(stat);
      progress(
        `  c=${options.concurrency} round ${round + 1}/${options.rounds} ${arm.arm.name}: p50 ${stat.p50.toFixed(3)} ms, p99 ${stat.p99.toFixed(3)} ms, ${Math.round(stat.callsPerSec)} calls/s`,
      );
    }
  }
  const baseline = stats.get(arms[0].arm.name)!;
  const result: LatencyResult = {
    concurrency: options.concurrency,
    rounds: options.rounds,
    callsPerRound: options.callsPerRound,
    arms: {},
  };
  for (const [name, rounds] of stats) result.arms[name] = summarize(rounds, baseline);
  return result;
}
