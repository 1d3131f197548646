/**
 * `npm run bench`: the gateway against the SDK's own HTTP server (baseline) and mcp-proxy (reference),
 * reported as ratios measured inside one interleaved run, plus control-plane propagation and revocation.
 * See tools/bench/README.md. `-- --quick` for a smoke run, `-- --profile` for a gateway CPU profile.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { REPO_ROOT } from './arms/bench-arm';
import { runAuditSearchBench } from './audit-search.bench';
import { parseBenchOptions, type BenchOptions } from './bench.options';
import { renderReport } from './bench.report';
import type { BenchResults, MachineInfo } from './bench-results.types';
import { checkTargets } from './bench.targets';
import { ChildProcesses } from './child-processes';
import { Cleanups } from './cleanups';
import { startControlPlane } from './control-plane';
import { runDataPlane } from './data-plane.run';
import { runAuditCost } from './phases/audit-cost.phase';
import { runGuardrailSweep } from './phases/guardrail-sweep.phase';
import { runPropagation } from './phases/propagation.phase';
import { runRevocation } from './phases/revocation.phase';
import { runGatewayProfile } from './profile.phase';
import { round } from './stats';

const RESULTS_FILE = resolve(__dirname, 'results/latest.json');
const log = (line: string) => void process.stderr.write(`${line}\n`);

function packageVersion(name: string): string {
  const text = readFileSync(resolve(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8');
  return String((JSON.parse(text) as { version?: string }).version);
}

function machine(loadAtStart: number): MachineInfo {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGb: totalmem() / 2 ** 30,
    node: process.version,
    sdk: packageVersion('@modelcontextprotocol/sdk'),
    mcpProxy: packageVersion('mcp-proxy'),
    loadAverage: { start: loadAtStart, end: loadavg()[0] },
  };
}

async function runControlPlane(children: ChildProcesses, cleanups: Cleanups, options: BenchOptions) {
  log(`starting the api and ${options.workers} proxy workers…`);
  const plane = await startControlPlane(children, cleanups, options.workers);
  try {
    log(`propagation: ${options.propagationWrites} REST writes…`);
    const propagation = await runPropagation(plane, options.propagationWrites);
    log(`revocation: ${options.revocationSamples} keys…`);
    const revocation = await runRevocation(plane, options.revocationSamples);
    return { propagation, revocation };
  } finally {
    await plane.close();
  }
}

async function runBenchmark(
  children: ChildProcesses,
  cleanups: Cleanups,
  options: BenchOptions,
): Promise<string> {
  const startedAt = new Date();
  const loadAtStart = loadavg()[0];
  const dataPlane = await runDataPlane(children, cleanups, options, log);
  const guardrails = await runGuardrailSweep(children, cleanups, options, log);
  const gatewayCpu = dataPlane.throughput.arms.gateway!.cpuMsPerCall;
  const audit = await runAuditCost(cleanups, options.auditEvents, gatewayCpu, log);
  const auditSearch = await runAuditSearchBench({
    events: options.auditSearchEvents,
    runs: options.auditSearchRuns,
    log,
  });
  const controlPlane = await runControlPlane(children, cleanups, options);
  const partial: Omit<BenchResults, 'targets'> = {
    startedAt: startedAt.toISOString(),
    durationS: (Date.now() - startedAt.getTime()) / 1000,
    machine: machine(loadAtStart),
    options,
    payload: 'tools/call echo {message: "<tag>-<n>"} (distinct per call, ~100 B request)',
    ...dataPlane,
    guardrails,
    audit,
    auditSearch,
    ...controlPlane,
  };
  const results: BenchResults = { ...partial, targets: checkTargets(partial) };
  mkdirSync(resolve(__dirname, 'results'), { recursive: true });
  const rounded = (_key: string, value: unknown) => (typeof value === 'number' ? round(value, 4) : value);
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, rounded, 2)}\n`);
  return renderReport(results);
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const children = new ChildProcesses();
  const cleanups = new Cleanups();
  process.once('exit', () => children.killAll());
  const interrupt = () => {
    log('interrupted: stopping child processes, removing Redis keys and the test database…');
    children.killAll();
    void cleanups.runAll(5_000).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const report = options.profile
    ? await runGatewayProfile(children, cleanups, options, log)
    : await runBenchmark(children, cleanups, options);
  process.stdout.write(`${report}\n`);
  if (!options.profile) log(`results written to ${RESULTS_FILE}`);
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
