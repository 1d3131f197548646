import type { ArmName } from './arms/bench-arm';
import type { BenchResults } from './bench-results.types';
import { guardrailGrowth } from './bench.targets';
import type { LatencyResult } from './phases/phase.types';
import type { Percentiles } from './phases/propagation.phase';
import type { Spread } from './stats';

const ms = (value: number) => value.toFixed(3);
const range = (value: Spread, digits = 2) =>
  `${value.median.toFixed(digits)} [${value.min.toFixed(digits)}–${value.max.toFixed(digits)}]`;
const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
const table = (header: string[], rows: string[][]) =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

function latencyRows(results: BenchResults, latency: LatencyResult): string[][] {
  return results.arms.flatMap(({ name }) => {
    const arm = latency.arms[name];
    if (!arm) return [];
    const added =
      name === results.arms[0].name
        ? '—'
        : `${signed(arm.addedP50Ms.median)} / ${signed(arm.addedP99Ms.median)}`;
    return [
      [
        name,
        String(latency.concurrency),
        ms(arm.p50Ms.median),
        ms(arm.p99Ms.median),
        added,
        range(arm.ratioP50),
        range(arm.ratioP99),
        Math.round(arm.callsPerSec.median).toString(),
      ],
    ];
  });
}

function latencyTable(results: BenchResults): string {
  const header = [
    'arm',
    'c',
    'p50 ms',
    'p99 ms',
    'added p50 / p99 ms',
    'ratio p50 [min–max]',
    'ratio p99 [min–max]',
    'calls/s',
  ];
  return table(
    header,
    [...results.latency, results.throughput].flatMap((latency) => latencyRows(results, latency)),
  );
}

function capacityRow(results: BenchResults, name: ArmName): string[] {
  const arm = results.throughput.arms[name]!;
  const idle = results.idleSessions[name];
  const spawns = results.spawnsPer1000Calls[name];
  const cps = arm.callsPerSec;
  return [
    name,
    `${Math.round(cps.median)} [${Math.round(cps.min)}–${Math.round(cps.max)}]`,
    arm.cpuMsPerCall.toFixed(3),
    arm.treeCpuMsPerCall.toFixed(3),
    Math.round(1000 / arm.cpuMsPerCall).toString(),
    arm.clientCpuMsPerCall.toFixed(3),
    idle
      ? `${idle.mbPer1000.toFixed(2)} (${idle.rssBeforeMb.toFixed(0)} → ${idle.rssAfterMb.toFixed(0)} MB)`
      : 'n/a',
    spawns ? `${spawns.per1000.toFixed(3)} (${spawns.spawned} in ${spawns.calls})` : 'n/a',
  ];
}

function capacityTable(results: BenchResults): string {
  const header = [
    'arm',
    'calls/s c=64 [min–max]',
    'CPU ms/call (process)',
    'CPU ms/call (+children)',
    'calls/s per core if CPU-bound',
    'client CPU ms/call',
    'MB per 1k idle sessions (RSS before → after)',
    'spawns per 1k calls',
  ];
  return table(
    header,
    results.arms.map(({ name }) => capacityRow(results, name)),
  );
}

function controlPlaneTable(results: BenchResults): string {
  const { propagation: p, revocation: r } = results;
  const row = (what: string, n: number, q: Percentiles) => [
    what,
    String(n),
    q.p50Ms.toFixed(1),
    q.p99Ms.toFixed(1),
    q.maxMs.toFixed(1),
  ];
  return table(
    ['measure', 'n', 'p50 ms', 'p99 ms', 'max ms'],
    [
      row(`REST write → all ${p.workers} workers' /readyz`, p.samples, p),
      row('  … → first worker', p.samples, p.firstWorker),
      row('  … → change event seen on Redis by the bench', p.samples, p.eventOnRedis),
      row(`floor: raw SET+PUBLISH → ${p.workers} bare subscribers (interleaved)`, p.samples, p.floor),
      row(`key DELETE → 401 on all ${r.workers} workers`, r.samples, r.cutoff),
      row(`key POST → accepted on all ${r.workers} workers`, r.samples, r.accept),
    ],
  );
}

function guardrailTable(results: BenchResults): string {
  const g = results.guardrails;
  const rows = g.sizes.map((size) => [
    size.label,
    `${size.rounds} × ${size.callsPerRound}`,
    range(size.unguardedP50Ms, 3),
    range(size.guardedP50Ms, 3),
    range(size.addedP50Ms, 3),
    range(size.addedCpuMsPerCall, 3),
    String(size.errors),
  ]);
  return [
    `Policy on the guarded project (input and output policy of \`echo\`): ${g.policy}. One worker, two projects, ` +
      'echo of ordinary prose at c=1, rounds ABBA; medians over rounds [min–max]; ' +
      `added p50 growth 1 MB / 64 KB: ${guardrailGrowth(results).toFixed(1)}× (linear = 16).`,
    '',
    table(
      [
        'payload',
        'rounds × calls',
        'unguarded p50 ms',
        'guarded p50 ms',
        'added p50 ms',
        'added worker CPU ms per call',
        'errors',
      ],
      rows,
    ),
  ].join('\n');
}

function auditLine(results: BenchResults): string {
  const a = results.audit;
  return (
    `${a.events} metadata events through the proxy's observer into an AuditPublisher with a BullMQ sink on the ` +
    `test Redis (no consumer), in the bench process: **${(a.cpuMsPerEvent * 1000).toFixed(1)} µs CPU per event** ` +
    `(building the event alone ${(a.buildCpuMsPerEvent * 1000).toFixed(1)} µs), ${a.jobs} jobs, ` +
    `${a.elapsedMs.toFixed(0)} ms wall; = **${(a.share * 100).toFixed(1)} %** of the gateway's ` +
    `${a.gatewayCpuMsPerCall.toFixed(3)} CPU ms per call (c=64, this run). Redis server CPU not counted.`
  );
}

function auditSearchTable(results: BenchResults): string {
  const a = results.auditSearch;
  const intro =
    `${a.events.toLocaleString('en')} events over 30 days and 50 projects (inserted in ${a.insertSeconds.toFixed(0)} s; ` +
    `table ${a.tableMb} MB, indexes ${a.indexesMb} MB), queried through the api's own search service:`;
  const rows = a.queries.map((q) => [
    q.name,
    String(q.runs),
    q.p50Ms.toFixed(1),
    q.p95Ms.toFixed(1),
    q.maxMs.toFixed(1),
    String(q.rows),
  ]);
  return [intro, '', table(['query', 'runs', 'p50 ms', 'p95 ms', 'max ms', 'rows'], rows)].join('\n');
}

function header(results: BenchResults): string {
  const m = results.machine;
  const o = results.options;
  return [
    `## Bastion benchmark — ${results.startedAt} (${results.durationS.toFixed(0)} s${o.quick ? ', --quick' : ''})`,
    '',
    `Machine: ${m.cpus} vCPU (${m.cpuModel}), ${m.memoryGb.toFixed(0)} GB, load average ${m.loadAverage.start.toFixed(1)} at start / ` +
      `${m.loadAverage.end.toFixed(1)} at end; Node ${m.node}; MCP SDK ${m.sdk}; mcp-proxy ${m.mcpProxy}. Loopback only.`,
    `Payload: ${results.payload}. Latency: ${o.latencyRounds} ABBA rounds × ${o.callsPerRoundC1} calls per arm at c=1 and × ${o.callsPerRoundC16} at c=16 ` +
      `after ${o.warmupCalls} warm-up calls; throughput: ${o.throughputRounds} rounds × ${o.throughputCalls} calls at c=64. ` +
      'Ratios are medians of per-round ratios against `direct` [min–max].',
    '',
    'Arms: ' + results.arms.map((arm) => `**${arm.name}** = ${arm.label}`).join('; ') + '.',
  ].join('\n');
}

/** The whole report as Markdown. */
export function renderReport(results: BenchResults): string {
  const targets = table(
    ['target', 'measured', 'goal', 'result'],
    results.targets.map((t) => [t.metric, t.measured, t.goal, t.pass ? 'PASS' : '**MISS**']),
  );
  return [
    header(results),
    '### Latency',
    latencyTable(results),
    '### Capacity',
    capacityTable(results),
    '### Guardrail payload sweep',
    guardrailTable(results),
    '### Audit pipeline cost',
    auditLine(results),
    '### Audit search',
    auditSearchTable(results),
    '### Control plane',
    controlPlaneTable(results),
    '### Targets',
    targets,
    '',
  ].join('\n\n');
}
