import type { ArmName } from '../arms/bench-arm';
import type { ArmSessions } from '../arms/arm-sessions';
import type { Spread } from '../stats';

/** The arms in ABBA order: the first is the baseline every ratio is taken against. */
export type ArmSet = readonly ArmSessions[];

/** Per-arm latency of one concurrency level over all rounds (medians over rounds, with min–max). */
export interface ArmLatency {
  p50Ms: Spread;
  p99Ms: Spread;
  /** arm p50 / baseline p50 in the same round. */
  ratioP50: Spread;
  ratioP99: Spread;
  /** arm p50 − baseline p50 in the same round, ms. */
  addedP50Ms: Spread;
  addedP99Ms: Spread;
  callsPerSec: Spread;
  errors: number;
  /** CPU ms of the arm's server process per call over all rounds. */
  cpuMsPerCall: number;
  /** The same for the server and its descendants (the stdio upstream included). */
  treeCpuMsPerCall: number;
  /** CPU ms the load generator spent per call on this arm (it shares the cores). */
  clientCpuMsPerCall: number;
}

/** Latency at one concurrency level, ABBA-interleaved. */
export interface LatencyResult {
  concurrency: number;
  rounds: number;
  callsPerRound: number;
  arms: Partial<Record<ArmName, ArmLatency>>;
}

/** Per-arm accounting of processes spawned while calls were measured. */
export interface SpawnTally {
  calls: number;
  spawned: number;
}
