import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openArmSessions } from './arms/arm-sessions';
import { publishGatewayDeployment, startGatewayArm } from './arms/gateway.arm';
import type { BenchOptions } from './bench.options';
import type { ChildProcesses } from './child-processes';
import type { Cleanups } from './cleanups';
import { summarizeProfile, type HotSpot, type ProfileSummary } from './cpu-profile.summary';
import { runCalls, withServerUsage } from './load.runner';

const PROFILE_DIR = resolve(__dirname, 'results/profiles');
const CONCURRENCY = 16;

function newestProfile(): string {
  const files = readdirSync(PROFILE_DIR).filter((file) => file.endsWith('.cpuprofile'));
  const newest = files
    .map((file) => join(PROFILE_DIR, file))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!newest) throw new Error(`no .cpuprofile written to ${PROFILE_DIR}`);
  return newest;
}

function hotSpotTable(title: string, spots: HotSpot[]): string {
  const rows = spots.map(
    (spot) => `| ${spot.percent.toFixed(1)} % | ${spot.ms.toFixed(0)} | \`${spot.name}\` |`,
  );
  return [`### ${title}`, '', '| share | ms | where |', '|---|---|---|', ...rows].join('\n');
}

/** The profile summary as Markdown. */
export function renderProfile(summary: ProfileSummary, calls: number, cpuMsPerCall: number): string {
  return [
    `## Gateway CPU profile — ${calls} calls at c=${CONCURRENCY}, ${cpuMsPerCall.toFixed(3)} CPU-ms per call (profiler on), ${summary.totalMs.toFixed(0)} ms busy`,
    hotSpotTable('By area (self time)', summary.areas),
    hotSpotTable('By function (self time)', summary.self),
    hotSpotTable('Project functions (including callees)', summary.inclusive),
    '',
  ].join('\n\n');
}

/**
 * `npm run bench -- --profile`: a gateway worker under `--cpu-prof`, warmed up, then a fixed number
 * of echo calls at c=16; the worker exits cleanly so V8 writes the profile, which is summarized.
 */
export async function runGatewayProfile(
  children: ChildProcesses,
  cleanups: Cleanups,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<string> {
  mkdirSync(PROFILE_DIR, { recursive: true });
  for (const file of readdirSync(PROFILE_DIR))
    if (file.endsWith('.cpuprofile')) rmSync(join(PROFILE_DIR, file));
  const deployment = await publishGatewayDeployment(cleanups);
  try {
    const arm = await startGatewayArm(children, deployment, ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR]);
    const set = await openArmSessions(arm, CONCURRENCY);
    await runCalls(set.sessions, options.warmupCalls, 'warm');
    log(`profiling ${options.profileCalls} calls at c=${CONCURRENCY}…`);
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    const usage = await withServerUsage(arm.server.pid, () =>
      runCalls(set.sessions, options.profileCalls, 'prof'),
    );
    const window = { fromUs, toUs: Number(process.hrtime.bigint() / 1000n) };
    set.http.close();
    await arm.server.terminate();
    const profile = JSON.parse(readFileSync(newestProfile(), 'utf8')) as Parameters<
      typeof summarizeProfile
    >[0];
    const summary = summarizeProfile(profile, window);
    const markdown = renderProfile(summary, options.profileCalls, usage.cpuMs / options.profileCalls);
    writeFileSync(resolve(__dirname, 'results/profile-summary.md'), markdown);
    return markdown;
  } finally {
    await deployment.cleanup();
  }
}
