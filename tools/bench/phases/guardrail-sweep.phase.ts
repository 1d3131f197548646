import type { PolicyEntry } from '@bastion/contracts';
import { emptySnapshot } from '@bastion/contracts';
import { generateApiKey } from '@bastion/crypto';
import { randomUUID } from 'node:crypto';
import { addEchoProject, publishSnapshot } from '../arms/gateway.arm';
import { startProxyWorker } from '../arms/proxy-worker';
import type { BenchOptions } from '../bench.options';
import type { ChildProcesses } from '../child-processes';
import type { Cleanups } from '../cleanups';
import { RawHttpClient } from '../raw-http.client';
import { RawMcpSession, type McpEndpoint } from '../raw-mcp.session';
import { cpuMs } from '../proc-stats';
import { msSince, percentile, spread, type Spread } from '../stats';

/** Added latency of the guardrail policy at one payload size. */
export interface GuardrailSizeResult {
  bytes: number;
  label: string;
  rounds: number;
  callsPerRound: number;
  unguardedP50Ms: Spread;
  guardedP50Ms: Spread;
  /** guarded p50 − unguarded p50 in the same round, ms. */
  addedP50Ms: Spread;
  /**
   * The worker's CPU time per call (user + system, from /proc), guarded − unguarded in the same round, ms:
   * steadier than latency when other work shares the box (10 ms clock ticks: coarse at 16 B).
   */
  addedCpuMsPerCall: Spread;
  errors: number;
}

/** The guardrail payload sweep: one worker, two projects (policy on / no policy), interleaved rounds. */
export interface GuardrailSweepResult {
  policy: string;
  sizes: GuardrailSizeResult[];
}

/** Payload sizes (the echo message, bytes) and their labels. */
export const GUARDRAIL_SIZES = [
  { bytes: 16, label: '16 B' },
  { bytes: 4 * 1024, label: '4 KB' },
  { bytes: 64 * 1024, label: '64 KB' },
  { bytes: 1024 * 1024, label: '1 MB' },
] as const;

const POLICY_RULES: PolicyEntry['rules'] = [
  { detector: 'secrets', action: 'redact', direction: 'both', options: {} },
  { detector: 'pii', action: 'redact', direction: 'input', options: {} },
  { detector: 'injection', action: 'block', direction: 'input', options: {} },
];

/** Ordinary prose with a few numbers: JSON-safe as is (no quotes, backslashes or newlines), nothing to redact. */
const PROSE =
  'The committee met on Tuesday to review the spring schedule for the library branches. ' +
  'Attendance rose by 12 percent over the last quarter, and the reading room on the second floor now opens at 9 in the morning. ' +
  'Volunteers sorted about 340 donated books, most of them novels, atlases and old cookbooks with handwritten notes in the margins. ' +
  'A short discussion followed about the heating in the east wing, which has been unreliable since the storm in 2019. ' +
  'The group agreed to plant 25 new trees along the footpath, to repaint the benches near the pond, and to meet again in 3 weeks. ';

/** A distinct message of exactly `bytes` characters: a per-call tag, then prose. */
function message(bytes: number, tag: string): string {
  let text = `${tag} `;
  while (text.length < bytes) text += PROSE;
  return text.slice(0, bytes);
}

interface SweepLane {
  http: RawHttpClient;
  session: RawMcpSession;
}

async function openLane(origin: URL, key: string): Promise<SweepLane> {
  const endpoint: McpEndpoint = {
    path: '/mcp',
    headers: { authorization: `Bearer ${key}` },
    toolName: 'echo__echo',
  };
  const http = new RawHttpClient(origin, 1);
  return { http, session: await RawMcpSession.open(http, endpoint) };
}

/**
 * p50 of `calls` sequential echo calls of `bytes` (c=1), and the CPU time `pid` (the worker) used per call;
 * errors counted, not thrown.
 */
async function roundP50(lane: SweepLane, bytes: number, calls: number, tag: string, pid: number) {
  const latencies: number[] = [];
  const cpuBefore = cpuMs(pid);
  let errors = 0;
  let firstError: unknown;
  for (let index = 0; index < calls; index++) {
    const text = message(bytes, `${tag}-${index}`);
    const start = process.hrtime.bigint();
    try {
      await lane.session.echo(text);
      latencies.push(msSince(start));
    } catch (error) {
      errors++;
      firstError ??= error;
    }
  }
  if (latencies.length === 0) throw new Error(`every ${tag} call failed: ${String(firstError)}`);
  return { p50: percentile(latencies, 50), cpuMsPerCall: (cpuMs(pid) - cpuBefore) / calls, errors };
}

/**
 * The guardrail policy's added latency by payload size: one worker with two projects on the same
 * echo fixture, one with the policy as input and output policy and one without, calls at c=1 in
 * ABBA-interleaved rounds per size.
 */
export async function runGuardrailSweep(
  children: ChildProcesses,
  cleanups: Cleanups,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<GuardrailSweepResult> {
  const policy: PolicyEntry = {
    id: randomUUID(),
    name: 'bench-guard',
    mode: 'enforce',
    failMode: 'closed',
    rules: POLICY_RULES,
  };
  const [plainKey, guardedKey] = [generateApiKey(), generateApiKey()];
  const snapshot = emptySnapshot();
  snapshot.version = 1;
  snapshot.policies[policy.id] = policy;
  addEchoProject(snapshot, plainKey);
  addEchoProject(snapshot, guardedKey, { inputPolicyId: policy.id, outputPolicyId: policy.id });
  const deployment = await publishSnapshot(cleanups, snapshot);
  const lanes: SweepLane[] = [];
  let worker: Awaited<ReturnType<typeof startProxyWorker>> | undefined;
  try {
    log('guardrail sweep: starting a worker with a guarded and an unguarded project…');
    worker = await startProxyWorker(children, 'gateway-guardrails', deployment, 1);
    worker.probe.close();
    const plain = await openLane(worker.origin, plainKey);
    lanes.push(plain);
    const guarded = await openLane(worker.origin, guardedKey);
    lanes.push(guarded);
    const sizes: GuardrailSizeResult[] = [];
    for (const [index, size] of GUARDRAIL_SIZES.entries()) {
      const calls = options.guardrailCalls[index];
      const warm = Math.max(3, Math.ceil(calls / 4));
      const { pid } = worker.child;
      await roundP50(plain, size.bytes, warm, 'warm-plain', pid);
      await roundP50(guarded, size.bytes, warm, 'warm-guarded', pid);
      const plainP50: number[] = [];
      const guardedP50: number[] = [];
      const plainCpu: number[] = [];
      const guardedCpu: number[] = [];
      let errors = 0;
      for (let round = 0; round < options.guardrailRounds; round++) {
        const order = round % 2 === 0 ? [plain, guarded] : [guarded, plain];
        for (const lane of order) {
          const tag = `${lane === plain ? 'plain' : 'guarded'}-${size.bytes}-r${round}`;
          const stat = await roundP50(lane, size.bytes, calls, tag, pid);
          (lane === plain ? plainP50 : guardedP50).push(stat.p50);
          (lane === plain ? plainCpu : guardedCpu).push(stat.cpuMsPerCall);
          errors += stat.errors;
        }
        log(
          `  guardrails ${size.label} round ${round + 1}/${options.guardrailRounds}: ` +
            `unguarded p50 ${plainP50[round].toFixed(3)} ms, guarded p50 ${guardedP50[round].toFixed(3)} ms`,
        );
      }
      sizes.push({
        bytes: size.bytes,
        label: size.label,
        rounds: options.guardrailRounds,
        callsPerRound: calls,
        unguardedP50Ms: spread(plainP50),
        guardedP50Ms: spread(guardedP50),
        addedP50Ms: spread(guardedP50.map((value, round) => value - plainP50[round])),
        addedCpuMsPerCall: spread(guardedCpu.map((value, round) => value - plainCpu[round])),
        errors,
      });
    }
    const rules = POLICY_RULES.map((rule) => `${rule.detector} ${rule.action} (${rule.direction})`);
    return { policy: rules.join(', '), sizes };
  } finally {
    lanes.forEach((lane) => lane.http.close());
    if (worker) await children.stop(worker.child);
    await deployment.cleanup();
  }
}
