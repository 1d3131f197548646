import { AuditPublisher, BullMqAuditSink, createRedis, whenRedisReady } from '@bastion/bus';
import { AUDIT_QUEUE } from '@bastion/contracts';
import { TEST_REDIS_URL, uniqueSuffix } from '@bastion/testing';
import { randomUUID } from 'node:crypto';
import type { AnsweredRequest } from '../../../apps/proxy/src/mcp/mcp-http.handler';
import type { ActiveSessions } from '../../../apps/proxy/src/observability/active-sessions';
import { createProxyObservers } from '../../../apps/proxy/src/observability/proxy.observers';
import type { ProxyMetrics } from '../../../apps/proxy/src/observability/proxy.metrics';
import { deletePrefix } from '../arms/gateway.arm';
import type { Cleanups } from '../cleanups';
import { msSince } from '../stats';

/** The audit trail's cost per answered request, measured in the bench process. */
export interface AuditCostResult {
  events: number;
  /** CPU ms of the bench process per event: event built by the proxy's observer, record(), batching, BullMQ adds. */
  cpuMsPerEvent: number;
  /** Of which building the event and record() alone (a no-op publisher in its place: event construction only). */
  buildCpuMsPerEvent: number;
  /** Wall time from the first record() until every batch was on Redis. */
  elapsedMs: number;
  /** BullMQ jobs (batches) that reached Redis. */
  jobs: number;
  /** The gateway worker's CPU ms per call in this run (c=64), the denominator of the share. */
  gatewayCpuMsPerCall: number;
  /** cpuMsPerEvent / gatewayCpuMsPerCall. */
  share: number;
}

/** Events between yields to the event loop (so batches go out while events keep coming, as on a worker). */
const YIELD_EVERY = 64;

const noMetrics = {
  requests: { inc: () => undefined },
  requestDuration: { observe: () => undefined },
  guardrailActions: { inc: () => undefined },
} as unknown as ProxyMetrics;
const noSessions = { touch: () => undefined } as unknown as ActiveSessions;

function answeredRequest(sid: string, projectId: string, keyId: string): AnsweredRequest {
  return {
    method: 'tools/call',
    status: 'ok',
    seconds: 0.0004,
    sid,
    projectId,
    keyId,
    userId: null,
    tool: 'echo__echo',
    capture: 'metadata',
  };
}

/** Feeds `count` answered requests to the observer, yielding every {@link YIELD_EVERY}; returns CPU ms. */
async function drive(
  answered: (request: AnsweredRequest) => void,
  count: number,
  after: () => Promise<unknown>,
) {
  const request = answeredRequest(randomUUID(), randomUUID(), randomUUID());
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let index = 0; index < count; index++) {
    answered(request);
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  await after();
  const cpu = process.cpuUsage(cpu0);
  return { cpuMs: (cpu.user + cpu.system) / 1000, elapsedMs: msSince(start) };
}

/**
 * The hot-path cost of auditing: the proxy's own observer (`createProxyObservers().answered`, metrics
 * stubbed out) building metadata-only events into a real {@link AuditPublisher} with a BullMQ sink on
 * the test Redis (no consumer: the api consumes separately), flushed to the end. CPU of this process
 * per event, as a share of the gateway's CPU per call measured in the same run.
 */
export async function runAuditCost(
  cleanups: Cleanups,
  events: number,
  gatewayCpuMsPerCall: number,
  log: (line: string) => void,
): Promise<AuditCostResult> {
  const prefix = `bench:${uniqueSuffix()}:`;
  const cleanup = cleanups.add(() => deletePrefix(prefix));
  const redis = createRedis({ url: TEST_REDIS_URL, connectionName: 'bastion-bench-audit' });
  const publisher = new AuditPublisher({ sink: new BullMqAuditSink(redis, { prefix }) });
  try {
    await whenRedisReady(redis, 5_000);
    const observers = createProxyObservers({ metrics: noMetrics, audit: publisher, sessions: noSessions });
    const buildOnly = createProxyObservers({
      metrics: noMetrics,
      audit: { record: () => undefined } as unknown as AuditPublisher,
      sessions: noSessions,
    });
    const flushed = async () => {
      if (!(await publisher.flush())) throw new Error('audit batches could not be delivered to Redis');
    };
    log(`audit cost: ${events} events through the observer into BullMQ…`);
    await drive((r) => observers.answered(r), Math.ceil(events / 4), flushed); // warm-up (JIT, queue)
    await drive(
      (r) => buildOnly.answered(r),
      Math.ceil(events / 4),
      () => Promise.resolve(),
    );
    const build = await drive(
      (r) => buildOnly.answered(r),
      events,
      () => Promise.resolve(),
    );
    const waiting = () => redis.llen(`${prefix}bull:${AUDIT_QUEUE}:wait`);
    const jobsBefore = await waiting();
    const full = await drive((r) => observers.answered(r), events, flushed);
    const jobs = (await waiting()) - jobsBefore;
    const cpuMsPerEvent = full.cpuMs / events;
    return {
      events,
      cpuMsPerEvent,
      buildCpuMsPerEvent: build.cpuMs / events,
      elapsedMs: full.elapsedMs,
      jobs,
      gatewayCpuMsPerCall,
      share: cpuMsPerEvent / gatewayCpuMsPerCall,
    };
  } finally {
    await publisher.close(5_000);
    redis.disconnect();
    await cleanup();
  }
}
