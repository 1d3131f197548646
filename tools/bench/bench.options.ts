/** Sizes of one benchmark run; `--quick` shrinks every count for a smoke run. */
export interface BenchOptions {
  quick: boolean;
  /** Run only the CPU profile of the gateway (see profile.phase.ts) instead of the benchmark. */
  profile: boolean;
  warmupCalls: number;
  latencyRounds: number;
  callsPerRoundC1: number;
  callsPerRoundC16: number;
  throughputRounds: number;
  throughputCalls: number;
  idleSessions: number;
  propagationWrites: number;
  revocationSamples: number;
  workers: number;
  profileCalls: number;
  /** Guardrail sweep: ABBA rounds per payload size, and calls per round for 16 B, 4 KB, 64 KB, 1 MB. */
  guardrailRounds: number;
  guardrailCalls: number[];
  /** Audit events pushed through the publisher to measure its CPU per event. */
  auditEvents: number;
  /** Audit search at volume: events in the table, and timed runs per query. */
  auditSearchEvents: number;
  auditSearchRuns: number;
}

const FULL = {
  warmupCalls: 600,
  latencyRounds: 6,
  callsPerRoundC1: 1_500,
  callsPerRoundC16: 3_000,
  throughputRounds: 2,
  throughputCalls: 64 * 120,
  idleSessions: 1_000,
  propagationWrites: 100,
  revocationSamples: 30,
  workers: 3,
  profileCalls: 20_000,
  guardrailRounds: 4,
  guardrailCalls: [300, 200, 60, 8],
  auditEvents: 60_000,
  auditSearchEvents: 1_000_000,
  auditSearchRuns: 50,
};

const QUICK: typeof FULL = {
  warmupCalls: 200,
  latencyRounds: 2,
  callsPerRoundC1: 300,
  callsPerRoundC16: 600,
  throughputRounds: 1,
  throughputCalls: 64 * 20,
  idleSessions: 200,
  propagationWrites: 10,
  revocationSamples: 5,
  workers: 2,
  profileCalls: 3_000,
  guardrailRounds: 2,
  guardrailCalls: [100, 80, 30, 4],
  auditEvents: 10_000,
  auditSearchEvents: 100_000,
  auditSearchRuns: 10,
};

/** Parses `npm run bench [-- --quick] [-- --profile]`. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const quick = argv.includes('--quick');
  return { quick, profile: argv.includes('--profile'), ...(quick ? QUICK : FULL) };
}
