// Audit search at volume: 1,000,000 events (generate_series, spread over 30 days and 50 projects) in a
// fresh test database (Postgres at TEST_DATABASE_URL), then the api's own search path
// (AuditEventsService → AuditEventsRepository → SQL) timed over repeated runs. Target: the filtered
// query (one project, one day, first page) at p95 ≤ 200 ms.
//
//   node -r @swc-node/register tools/bench/audit-search.bench.ts [--events=1000000] [--runs=50]
import { PrismaService } from '@bastion/db';
import { createTestDatabase } from '@bastion/testing';
import { Client } from 'pg';
import { AuditEventsRepository } from '../../apps/api/src/audit/audit-events.repository';
import { AuditEventsService } from '../../apps/api/src/audit/audit-events.service';
import { AuditStatsRepository } from '../../apps/api/src/audit/audit-stats.repository';
import { AuditStatsService } from '../../apps/api/src/audit/audit-stats.service';
import type { AuditSearchQueryDto } from '../../apps/api/src/audit/dto/audit-query.dto';

/** Options of {@link runAuditSearchBench}. */
export interface AuditSearchBenchOptions {
  /** Events inserted (default 1,000,000). */
  events?: number;
  /** Timed runs per query (default 50), after 5 untimed warm-up runs. */
  runs?: number;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

/** Latency figures of one query, in milliseconds. */
export interface QueryTiming {
  name: string;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Rows the last run returned. */
  rows: number;
}

/** What {@link runAuditSearchBench} measured. */
export interface AuditSearchBenchResult {
  events: number;
  insertSeconds: number;
  tableMb: number;
  indexesMb: number;
  queries: QueryTiming[];
  /** The target query's p95 against its 200 ms target. */
  target: { query: string; p95Ms: number; targetMs: number; pass: boolean };
}

const PROJECTS = 50;
const DAYS = 30;
const DAY_MS = 86_400_000;
const TARGET_QUERY = 'one project, one day';
const TARGET_P95_MS = 200;

const projectId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Inserts the events, runs the queries, drops the database. */
export async function runAuditSearchBench(
  options: AuditSearchBenchOptions = {},
): Promise<AuditSearchBenchResult> {
  const events = options.events ?? 1_000_000;
  const runs = options.runs ?? 50;
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const database = await createTestDatabase();
  const prisma = new PrismaService(database.url);
  try {
    const now = new Date();
    log(`audit-search bench: inserting ${events} events into ${database.name}...`);
    const insertSeconds = await insertEvents(database.url, events, now);
    const sizes = await tableSizes(database.url);
    log(
      `inserted in ${insertSeconds.toFixed(1)} s; table ${sizes.tableMb} MB, indexes ${sizes.indexesMb} MB`,
    );
    const search = new AuditEventsService(new AuditEventsRepository(prisma));
    const stats = new AuditStatsService(new AuditStatsRepository(prisma));
    const queries = [
      await time(TARGET_QUERY, runs, (run) =>
        search.search(dayQuery(now, run, { projectId: projectId(run % PROJECTS) })),
      ),
      await time('one project, one day, type=error', runs, (run) =>
        search.search(dayQuery(now, run, { projectId: projectId(run % PROJECTS), type: ['error'] })),
      ),
      await time('all projects, one day', runs, (run) => search.search(dayQuery(now, run, {}))),
      await time('free text q, one day', runs, (run) =>
        search.search(dayQuery(now, run, { q: `job-${run}7` })),
      ),
      await time('stats, one project, one day', runs, (run) => {
        const to = new Date(now.getTime() - (run % DAYS) * DAY_MS);
        return stats.compute({
          projectId: projectId(run % PROJECTS),
          from: new Date(to.getTime() - DAY_MS).toISOString(),
          to: to.toISOString(),
        });
      }),
    ];
    const target = queries[0];
    const result: AuditSearchBenchResult = {
      events,
      insertSeconds,
      ...sizes,
      queries,
      target: {
        query: TARGET_QUERY,
        p95Ms: target.p95Ms,
        targetMs: TARGET_P95_MS,
        pass: target.p95Ms <= TARGET_P95_MS,
      },
    };
    for (const query of queries) {
      log(
        `  ${query.name.padEnd(36)} p50 ${query.p50Ms.toFixed(1)} ms  p95 ${query.p95Ms.toFixed(1)} ms  max ${query.maxMs.toFixed(1)} ms  (${query.rows} rows)`,
      );
    }
    log(
      `target: ${TARGET_QUERY} p95 ${target.p95Ms.toFixed(1)} ms ≤ ${TARGET_P95_MS} ms: ${result.target.pass ? 'PASS' : 'MISS'}`,
    );
    return result;
  } finally {
    await prisma.$disconnect();
    await database.drop();
  }
}

/** A search over one day (a different day for each run, the newest first), first page of 100. */
function dayQuery(now: Date, run: number, filter: Partial<AuditSearchQueryDto>): AuditSearchQueryDto {
  const to = new Date(now.getTime() - (run % DAYS) * DAY_MS);
  return { from: new Date(to.getTime() - DAY_MS).toISOString(), to: to.toISOString(), limit: 100, ...filter };
}

async function time(name: string, runs: number, run: (n: number) => Promise<unknown>): Promise<QueryTiming> {
  for (let n = 0; n < 5; n++) await run(runs + n); // warm-up, other days and projects
  const samples: number[] = [];
  let rows = 0;
  for (let n = 0; n < runs; n++) {
    const started = process.hrtime.bigint();
    const result = (await run(n)) as { items?: unknown[] };
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    rows = result.items?.length ?? 0;
  }
  samples.sort((a, b) => a - b);
  const at = (fraction: number) =>
    samples[Math.min(samples.length - 1, Math.ceil(fraction * samples.length) - 1)];
  return { name, runs, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: samples.at(-1)!, rows };
}

/** generate_series in chunks of 100,000 (one transaction each), then ANALYZE. Returns seconds. */
async function insertEvents(url: string, events: number, now: Date): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  try {
    for (let first = 1; first <= events; first += 100_000) {
      const last = Math.min(events, first + 99_999);
      await client.query(
        `INSERT INTO audit_events (id, time, type, direction, method, session_id, project_id, user_id, key_id,
                                   server, tool, status, duration_ms, error_code, payload, worker_id)
         SELECT gen_random_uuid(),
                $1::timestamptz - random() * interval '${DAYS} days',
                (ARRAY['request', 'response', 'response', 'error', 'guardrail', 'session.start'])[1 + i % 6],
                CASE WHEN i % 2 = 0 THEN 'inbound' ELSE 'outbound' END,
                (ARRAY['tools/call', 'tools/list', 'resources/read', 'initialize'])[1 + i % 4],
                'session-' || (i % 20000),
                ('00000000-0000-4000-8000-' || lpad((i % ${PROJECTS})::text, 12, '0'))::uuid,
                ('10000000-0000-4000-8000-' || lpad((i % 500)::text, 12, '0'))::uuid,
                ('20000000-0000-4000-8000-' || lpad((i % 2000)::text, 12, '0'))::uuid,
                'server_' || (i % 12), 'tool_' || (i % 40),
                (ARRAY['ok', 'ok', 'ok', 'error', 'blocked', 'denied'])[1 + i % 6],
                round((random() * 2000)::numeric, 2)::float8,
                CASE WHEN i % 6 = 3 THEN -32011 ELSE NULL END,
                jsonb_build_object('arguments', jsonb_build_object('query', 'job-' || i, 'hash', md5(i::text)), 'bytes', i % 4096),
                'worker-' || (i % 8)
         FROM generate_series($2::int, $3::int) AS i`,
        [now.toISOString(), first, last],
      );
    }
    await client.query('ANALYZE audit_events');
  } finally {
    await client.end();
  }
  return (Date.now() - started) / 1000;
}

async function tableSizes(url: string): Promise<{ tableMb: number; indexesMb: number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table: string; indexes: string }>(
      `SELECT pg_table_size('audit_events') AS table, pg_indexes_size('audit_events') AS indexes`,
    );
    const mb = (bytes: string) => Math.round(Number(bytes) / 1024 / 1024);
    return { tableMb: mb(rows[0].table), indexesMb: mb(rows[0].indexes) };
  } finally {
    await client.end();
  }
}

if (require.main === module) {
  const arg = (name: string) => process.argv.find((value) => value.startsWith(`--${name}=`))?.split('=')[1];
  runAuditSearchBench({ events: Number(arg('events') ?? 1_000_000), runs: Number(arg('runs') ?? 50) }).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      process.exitCode = result.target.pass ? 0 : 1;
    },
    (error: unknown) => {
      process.stderr.write(`audit-search bench failed: ${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
