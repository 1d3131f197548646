import type { ArmName } from './arms/bench-arm';
import type { BenchOptions } from './bench.options';
import type { AuditSearchBenchResult } from './audit-search.bench';
import type { AuditCostResult } from './phases/audit-cost.phase';
import type { GuardrailSweepResult } from './phases/guardrail-sweep.phase';
import type { IdleSessionsResult } from './phases/idle-sessions.phase';
import type { LatencyResult } from './phases/phase.types';
import type { PropagationResult } from './phases/propagation.phase';
import type { RevocationResult } from './phases/revocation.phase';

/** One target checked against this run. */
export interface TargetLine {
  metric: string;
  measured: string;
  goal: string;
  pass: boolean;
}

/** Where and with what the run happened. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  sdk: string;
  mcpProxy: string;
  /** 1-minute load average when the run started and ended (other work on the box skews absolute numbers). */
  loadAverage: { start: number; end: number };
}

/** Everything one `npm run bench` measured; written to tools/bench/results/latest.json. */
export interface BenchResults {
  startedAt: string;
  durationS: number;
  machine: MachineInfo;
  options: BenchOptions;
  payload: string;
  arms: { name: ArmName; label: string }[];
  latency: LatencyResult[];
  throughput: LatencyResult;
  spawnsPer1000Calls: Partial<Record<ArmName, { calls: number; spawned: number; per1000: number }>>;
  idleSessions: Partial<Record<ArmName, IdleSessionsResult>>;
  guardrails: GuardrailSweepResult;
  audit: AuditCostResult;
  auditSearch: AuditSearchBenchResult;
  propagation: PropagationResult;
  revocation: RevocationResult;
  targets: TargetLine[];
}
