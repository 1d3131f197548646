import { AuditPublisher, JobQueues, busKeys, createAuditSink, createRedis } from '@bastion/bus';
import type { AppConfig } from '@bastion/config';
import { SecretBox } from '@bastion/crypto';
import {
  LOG_FIELDS,
  LogLevelControl,
  createConfigVersionGauge,
  createMetricsRegistry,
  followLogLevel,
} from '@bastion/observability';
import type { UpstreamPool } from '@bastion/upstream';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'winston';
import { HeldToolNotices } from './catalog/held-tool.notices';
import { McpCatalog } from './catalog/mcp-catalog';
import { createToolPinning } from './catalog/tool-pinning.factory';
import { UpstreamListCache } from './catalog/upstream-list.cache';
import { HealthHandler } from './health/health.handler';
import { createClientRelay } from './mcp/client-relay';
import { GatewayEvents } from './mcp/gateway-events';
import { InflightRequests } from './mcp/inflight-requests';
import { McpDispatcher } from './mcp/mcp-dispatcher';
import { McpHttpHandler } from './mcp/mcp-http.handler';
import { NotificationHub } from './mcp/notification.hub';
import { ResourceSubscriptions } from './mcp/resource-subscriptions';
import { SessionLogLevels } from './mcp/session-log-levels';
import { SessionRegistry } from './mcp/session-registry';
import { SessionTokens } from './mcp/session-token';
import { UpstreamNotifications } from './mcp/upstream-notifications';
import { CallLatencyRecorder } from './meta-tools/call-latency.recorder';
import { MeteredUpstreamPool } from './meta-tools/metered-upstream.pool';
import { createMetaTools } from './meta-tools/meta-tools.factory';
import { GuardrailMonitorQueue } from './pipeline/guardrail-monitor.queue';
import type { GuardrailStage } from './pipeline/guardrail.stage';
import { PolicyGuardrailStage } from './pipeline/policy-guardrail.stage';
import { ToolCallPipeline } from './pipeline/tool-call.pipeline';
import { ActiveSessions } from './observability/active-sessions';
import { createProxyObservers } from './observability/proxy.observers';
import { ProxyMetrics } from './observability/proxy.metrics';
import { createProxyServer } from './proxy.server';
import { SnapshotSync } from './snapshot/snapshot.sync';

/** A composed proxy worker. */
export interface ProxyRuntime {
  server: Server;
  sync: SnapshotSync;
  pool: UpstreamPool;
  /** Listens on the configured (or given) port; resolves with the URL of /mcp. */
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
}

/**
 * Builds a worker: Redis connections, live config, upstream pool, MCP endpoint, health.
 * `guardrails` replaces the pipeline's guardrail stage (tests use it to prove every path is guarded).
 */
export function createProxyRuntime(
  config: AppConfig,
  masterKey: Buffer,
  logger: Logger,
  guardrails?: GuardrailStage,
): ProxyRuntime {
  const keys = busKeys(config.redis.prefix);
  const onError = (error: Error) => logger.warn('Redis connection lost; reconnecting', { error });
  const redis = createRedis({ url: config.redis.url, connectionName: 'bastion-proxy', onError });
  const syncSubscriber = createRedis({
    url: config.redis.url,
    connectionName: 'bastion-proxy-sync',
    onError,
  });
  const hubSubscriber = createRedis({ url: config.redis.url, connectionName: 'bastion-proxy-hub', onError });
  const registry = createMetricsRegistry('proxy');
  const versionGauge = createConfigVersionGauge(registry);
  const sessionsSeen = new ActiveSessions();
  const auditRedis = createRedis({ url: config.redis.url, connectionName: 'bastion-proxy-audit', onError });
  const audit = new AuditPublisher({
    sink: createAuditSink(auditRedis, config.redis.prefix),
    onDrop: (dropped, total) => logger.warn('audit events dropped: buffer full', { dropped, total }),
    onError: (error) => logger.warn('audit events cannot be delivered yet; buffering', { error }),
    onRecover: () => logger.info('audit delivery recovered'),
  });
  // `pool` is declared below; the sources are only read at scrape time.
  const metrics = new ProxyMetrics(registry, {
    upstream: () => pool.stats(),
    activeSessions: () => sessionsSeen.count(),
    audit: () => ({ buffered: audit.size, dropped: audit.dropped }),
  });
  // The gateway's own events reach clients as MCP log messages, filtered by each session's level.
  const events = new GatewayEvents(redis, keys);
  const logLevels = new SessionLogLevels(redis, keys);
  const observers = createProxyObservers({ metrics, audit, sessions: sessionsSeen, events });
  const box = new SecretBox(masterKey);
  const log = (
    level: 'debug' | 'info' | 'warn' | 'error',
    message: string,
    fields?: Record<string, unknown>,
  ) => logger.log(level, message, fields ?? {});

  const hub = new NotificationHub(hubSubscriber);
  // Server→client requests, their answers and resource subscriptions (across workers, via Redis).
  const relay = createClientRelay({ redis, keys, hub, log });
  // The pool needs the notification fan-out, which needs the list cache, which needs the pool.
  const fanOut: { notifications?: UpstreamNotifications } = {};
  const recorder = new CallLatencyRecorder(config.upstream.slowCallRatio);
  const pool = new MeteredUpstreamPool(
    {
      openSecret: (sealed) => box.open(sealed),
      maxProcesses: config.upstream.maxProcesses,
      idleMs: config.upstream.idleMs,
      maxResponseBytes: config.upstream.maxResponseBytes,
      slowCallWarnRatio: config.upstream.slowCallRatio,
      log: (level, message, fields) => {
        log(level, message, fields);
        if (message === 'upstream connection failed') upstreamFailed(events, fields ?? {});
      },
      onNotification: (notification) => void fanOut.notifications?.handle(notification),
      ...relay.poolOptions,
    },
    recorder,
    (target, method, params, outcome) => {
      if (method === 'tools/call') {
        const tool = typeof params?.['name'] === 'string' ? params['name'] : 'unknown';
        metrics.toolCalls.inc({
          server: target.server.name,
          tool,
          status: outcome === 'ok' ? 'ok' : 'error',
        });
      }
      if (outcome !== 'ok' && outcome !== 'cancelled')
        metrics.upstreamErrors.inc({ server: target.server.name, kind: outcome });
    },
  );
  const lists = new UpstreamListCache(pool, redis, keys, config.proxy.toolCacheTtlMs, (kind, result) =>
    metrics.toolCacheLookups.inc({ kind, result }),
  );
  fanOut.notifications = new UpstreamNotifications(redis, keys, lists, relay.subscriptions, logLevels);
  // The worker's queues: tool discoveries to the api, monitor-mode guardrail checks to any worker.
  const jobs = new JobQueues({
    url: config.redis.url,
    prefix: config.redis.prefix,
    connectionName: 'bastion-proxy-jobs',
    log: (level, message, fields) => logger.log(level, message, fields),
  });
  const pinning = createToolPinning({
    queues: jobs,
    redisPrefix: config.redis.prefix,
    redis,
    keys,
    state: () => sync.current(),
    log: (level, message, fields) => logger.log(level, message, fields),
  });
  const sync = new SnapshotSync({
    subscriber: syncSubscriber,
    redis,
    keys,
    log: (level, message, fields) => logger.log(level, message, fields),
    onChange: (state, previous, change) => {
      versionGauge.set(state.version);
      // The pool replaces a connection whose definition changed on its next use, so a filter-only
      // change (allow/deny lists, prefix) keeps the upstream running; removed servers close now.
      for (const id of change.changed.servers) if (!state.server(id)?.enabled) void pool.invalidateServer(id);
      pinning.onStateChange(state, previous, change);
    },
  });
  const sessions = new SessionRegistry(redis, keys);
  const inflight = new InflightRequests();
  // A session whose tools/list leaves out a held-back tool is told once (and it is audited).
  const heldNotices = new HeldToolNotices({
    redis,
    prefix: config.redis.prefix,
    notify: (scope, held) => observers.toolHeld(scope, held),
  });
  const catalog = new McpCatalog(
    lists,
    (level, message, fields) => logger.log(level, message, fields),
    pinning.gate,
    (scope, held) => heldNotices.announce(scope, held),
  );
  // Monitor-mode policies are evaluated off the call's path, by whichever worker takes the job.
  const monitorQueue: GuardrailMonitorQueue = new GuardrailMonitorQueue({
    queues: jobs,
    seal: (plaintext) => box.seal(plaintext),
    open: (sealed) => box.open(sealed),
    server: (id) => sync.current()?.server(id),
    evaluate: (job): Promise<boolean> => policyStage.evaluateQueued(job.call, job.policyId, job.inspected),
    count: (result) => metrics.guardrailMonitorJobs.inc({ result }),
    log: (level, message, fields) => logger.log(level, message, fields),
  });
  const policyStage: PolicyGuardrailStage = new PolicyGuardrailStage({
    policy: (id) => sync.current()?.policy(id),
    openSecret: (sealed) => box.open(sealed),
    onDecision: (decision) => observers.guardrail(decision),
    monitorQueue,
  });
  const pipeline = new ToolCallPipeline(catalog, pool, guardrails ?? policyStage);
  const metaTools = createMetaTools({
    catalog,
    pipeline,
    lists,
    pool,
    recorder,
    redis,
    keys,
    settings: {
      toolCacheTtlMs: config.proxy.toolCacheTtlMs,
      maxResultBytes: config.upstream.maxResponseBytes,
    },
    log: (level, message, fields) => logger.log(level, message, fields),
  });
  const subscriptions = new ResourceSubscriptions(catalog, pool, relay.subscriptions);
  const dispatcher = new McpDispatcher(catalog, pipeline, pool, metaTools, subscriptions, logLevels);
  const mcp = new McpHttpHandler({
    state: () => sync.current(),
    tokens: new SessionTokens(masterKey),
    registry: sessions,
    dispatcher,
    inflight,
    hub,
    pool,
    redis,
    keys,
    maxBodyBytes: config.proxy.maxBodyBytes,
    onAnswered: (answered) => observers.answered(answered),
    onRefused: (status, method) => observers.refused(status, method),
    replies: relay.replies,
    capabilities: relay.capabilities,
    subscriptions: relay.subscriptions,
    logLevels,
  });
  const server = createProxyServer({
    mcp,
    health: new HealthHandler(() => sync.health(), registry),
    originPolicy: { allowedHosts: config.proxy.allowedHosts, allowedOrigins: config.proxy.allowedOrigins },
    logger,
  });

  const listenCross = async () => {
    await hub.listen(keys.sessionsTerminated, (sid) => sessions.noteTerminated(sid));
    await hub.listen(keys.cancellations, (payload) => inflight.cancelFromBroadcast(payload));
  };

  return {
    server,
    sync,
    pool,
    async listen(port = config.proxy.port) {
      sync.start();
      monitorQueue.start();
      await listenCross().catch((error: unknown) => logger.warn('cannot subscribe yet', { error }));
      // Runtime log level set through the api (PUT /system/log-level): the stored one now, changes as they come.
      await followLogLevel(
        new LogLevelControl(logger),
        'proxy',
        {
          read: () => redis.get(keys.logLevel('proxy')),
          listen: (listener) => hub.listen(keys.logLevelChanges, listener),
          onReconnect: (listener) => hubSubscriber.on('ready', listener),
        },
        logger,
      );
      await new Promise<void>((resolve) => server.listen(port, config.host, resolve));
      const address = server.address() as AddressInfo;
      return `http://${config.host}:${address.port}/mcp`;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections(); // open GET streams would otherwise hold close() forever
      await closed;
      await sync.stop();
      await pool.close();
      await monitorQueue.stop();
      await jobs.close();
      await audit.close(2_000);
      for (const connection of [redis, syncSubscriber, hubSubscriber, auditRedis]) connection.disconnect();
    },
  };
}

/** Tells the sessions of an upstream connection that failed (the pool's log line) it will be restarted. */
function upstreamFailed(events: GatewayEvents, fields: Record<string, unknown>): void {
  const server = fields[LOG_FIELDS.server];
  const projectId = fields[LOG_FIELDS.projectId];
  const sessionId = fields[LOG_FIELDS.sessionId];
  const retry = fields['retry_in_ms'];
  if (typeof server !== 'string' || typeof projectId !== 'string') return;
  events.upstreamRestarting(
    typeof sessionId === 'string' ? { sessionId } : { projectId },
    server,
    errorText(fields[LOG_FIELDS.error]),
    typeof retry === 'number' ? retry : undefined,
  );
}

function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  return error instanceof Error ? error.message : '';
}
