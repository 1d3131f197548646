import type { BenchResults, TargetLine } from './bench-results.types';
import type { LatencyResult } from './phases/phase.types';
import type { Spread } from './stats';

const ratio = (value: Spread) =>
  `${value.median.toFixed(2)}× [${value.min.toFixed(2)}–${value.max.toFixed(2)}]`;

function latencyTargets(result: LatencyResult): TargetLine[] {
  const gateway = result.arms.gateway;
  if (!gateway) return [];
  const c = result.concurrency;
  return [
    {
      metric: `p50 ratio gateway/direct, c=${c}`,
      measured: ratio(gateway.ratioP50),
      goal: '≤ 1.3×',
      pass: gateway.ratioP50.median <= 1.3,
    },
    {
      metric: `p99 ratio gateway/direct, c=${c}`,
      measured: ratio(gateway.ratioP99),
      goal: '≤ 1.5×',
      pass: gateway.ratioP99.median <= 1.5,
    },
  ];
}

function capacityTargets(results: Omit<BenchResults, 'targets'>): TargetLine[] {
  const gateway = results.throughput.arms.gateway!;
  const reference = results.throughput.arms['mcp-proxy'];
  const cpuRatio = reference ? gateway.cpuMsPerCall / reference.cpuMsPerCall : Number.NaN;
  const spawns = results.spawnsPer1000Calls.gateway;
  const idle = results.idleSessions.gateway;
  return [
    {
      metric: 'calls/s at c=64 (gateway)',
      measured: Math.round(gateway.callsPerSec.median).toString(),
      goal: '≥ 3,000',
      pass: gateway.callsPerSec.median >= 3_000,
    },
    {
      metric: 'gateway CPU ms per call (c=64)',
      measured: gateway.cpuMsPerCall.toFixed(3),
      goal: '≤ 0.25',
      pass: gateway.cpuMsPerCall <= 0.25,
    },
    {
      metric: 'CPU per call gateway/mcp-proxy',
      measured: `${cpuRatio.toFixed(2)}×`,
      goal: '≤ 0.5×',
      pass: cpuRatio <= 0.5,
    },
    {
      metric: 'MB per 1,000 idle sessions (gateway)',
      measured: idle ? idle.mbPer1000.toFixed(2) : 'n/a',
      goal: '≤ 10',
      pass: !!idle && idle.mbPer1000 <= 10,
    },
    {
      metric: 'upstream spawns per 1,000 calls (gateway, steady state)',
      measured: spawns ? spawns.per1000.toFixed(3) : 'n/a',
      goal: '0',
      pass: !!spawns && spawns.spawned === 0,
    },
  ];
}

/** Ratio of the guardrail policy's added p50 at 1 MB to that at 64 KB (linear growth would be 16). */
export function guardrailGrowth(results: Pick<BenchResults, 'guardrails'>): number {
  const added = (label: string) =>
    results.guardrails.sizes.find((size) => size.label === label)?.addedP50Ms.median ?? Number.NaN;
  return added('1 MB') / added('64 KB');
}

function guardrailTargets(results: Omit<BenchResults, 'targets'>): TargetLine[] {
  const at64k = results.guardrails.sizes.find((size) => size.label === '64 KB');
  const growth = guardrailGrowth(results);
  return [
    {
      metric: 'guardrail policy added p50 at 64 KB, ms (c=1)',
      measured: at64k
        ? `${at64k.addedP50Ms.median.toFixed(3)} [${at64k.addedP50Ms.min.toFixed(3)}–${at64k.addedP50Ms.max.toFixed(3)}]`
        : 'n/a',
      goal: '≤ 2',
      pass: !!at64k && at64k.addedP50Ms.median <= 2,
    },
    {
      metric: 'guardrail added p50 growth 1 MB / 64 KB (linear = 16)',
      measured: `${growth.toFixed(1)}×`,
      goal: '≤ 24× (16 × 1.5)',
      pass: growth > 0 && growth <= 24,
    },
  ];
}

function auditTarget(results: Omit<BenchResults, 'targets'>): TargetLine {
  const { audit } = results;
  return {
    metric: 'audit (metadata) CPU per call as share of gateway CPU per call',
    measured: `${(audit.share * 100).toFixed(1)} % (${(audit.cpuMsPerEvent * 1000).toFixed(1)} µs / ${audit.gatewayCpuMsPerCall.toFixed(3)} ms)`,
    goal: '≤ 10 %',
    pass: audit.share <= 0.1,
  };
}

function auditSearchTarget(results: Omit<BenchResults, 'targets'>): TargetLine {
  const { target, events } = results.auditSearch;
  return {
    metric: `audit search p95, ${target.query}, ${events.toLocaleString('en')} events`,
    measured: `${target.p95Ms.toFixed(1)} ms`,
    goal: `≤ ${target.targetMs} ms`,
    pass: target.pass,
  };
}

/** Every target next to what this run measured, PASS or MISS. */
export function checkTargets(results: Omit<BenchResults, 'targets'>): TargetLine[] {
  const { propagation, revocation } = results;
  return [
    ...results.latency.flatMap(latencyTargets),
    ...capacityTargets(results),
    ...guardrailTargets(results),
    auditTarget(results),
    auditSearchTarget(results),
    {
      metric: `config propagation to all ${propagation.workers} workers, p99 ms`,
      measured: `${propagation.p99Ms.toFixed(1)} (same-run floor ${propagation.floor.p99Ms.toFixed(1)})`,
      goal: '≤ 50',
      pass: propagation.p99Ms <= 50,
    },
    {
      metric: `revoked-key cutoff on all ${revocation.workers} workers, p99 ms`,
      measured: `${revocation.cutoff.p99Ms.toFixed(1)} (propagation floor ${propagation.floor.p99Ms.toFixed(1)})`,
      goal: '≤ 100',
      pass: revocation.cutoff.p99Ms <= 100,
    },
  ];
}
