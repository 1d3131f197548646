import type { ServerEntry } from '@bastion/contracts';
import { LOG_FIELDS } from '@bastion/observability';
import { connectionFingerprint, connectionOwner, keyHasServer } from './connection-key';
import { RestartBackoff, DEFAULT_BACKOFF } from './restart-backoff.policy';
import { ProcessSlots } from './process-slots';
import { buildPoolStats, type ServerCounters, type UpstreamPoolStats } from './pool.stats';
import { UpstreamCredentials } from './upstream-credentials';
import { connectionLogFields } from './connection.log-fields';
import { ConnectionOpener } from './connection.opener';
import { IdleSweeper } from './idle.sweeper';
import { forwardableCapabilities } from './server-requests';
import { ConnectionMessages } from './connection.messages';
import { describeTransportError } from './upstream-failure.classifier';
import { UpstreamConnection, type ConnectionHooks } from './upstream.connection';
import { UpstreamError, serverLabel } from './upstream.error';
import type { UpstreamPoolOptions, UpstreamTarget } from './upstream.types';

/**
 * Opens, tracks and closes the pool's connections: lazy connect with a deadline, the stdio process
 * cap, restart backoff after failures, idle closing, draining on reconfiguration, and the hooks
 * through which the SDK reports closes, errors and notifications.
 */
export class ConnectionLifecycle implements ConnectionHooks {
  readonly connections = new Map<string, UpstreamConnection>();
  private readonly draining = new Set<UpstreamConnection>();
  private readonly backoff: RestartBackoff;
  private readonly slots: ProcessSlots;
  private readonly credentials: UpstreamCredentials;
  private readonly counters = new Map<string, ServerCounters>();
  private readonly opener: ConnectionOpener;
  private readonly sweeper: IdleSweeper;
  private readonly messages: ConnectionMessages;
  private closed = false;

  constructor(private readonly options: UpstreamPoolOptions) {
    this.messages = new ConnectionMessages(options);
    this.sweeper = new IdleSweeper(Math.min(Math.max(options.idleMs / 2, 50), 60_000), () => this.sweep());
    this.backoff = new RestartBackoff(options.restartBackoff ?? DEFAULT_BACKOFF);
    this.slots = new ProcessSlots(options.maxProcesses, {
      idlest: () => this.idlestProcess(),
      evict: (victim) =>
        this.retire(victim, `${serverLabel(victim.server)}: connection closed to make room.`),
    });
    this.credentials = new UpstreamCredentials(options.openSecret, (server, error) =>
      options.log('warn', 'upstream OAuth token refresh failed', {
        [LOG_FIELDS.server]: server.name,
        [LOG_FIELDS.error]: error instanceof Error ? error.message : String(error),
      }),
    );
    this.opener = new ConnectionOpener(
      options,
      {
        detach: (connection) => this.detach(connection),
        recordFailure: (connection, message) => this.recordFailure(connection, message),
        counters: (server) => this.count(server),
      },
      this.slots,
      this.credentials,
      this.backoff,
    );
  }

  /** Opens a connection for `target` (lazily connecting); fails fast during restart backoff. */
  open(target: UpstreamTarget, key: string): UpstreamConnection {
    if (this.closed) throw new UpstreamError('unavailable', 'The upstream pool is shut down.');
    const now = Date.now();
    const retryAt = this.backoff.retryAt(key, now);
    if (retryAt !== undefined) {
      const inMs = retryAt - now;
      const message = `${serverLabel(target.server)} is unavailable after a failure; the next attempt is allowed in ${inMs} ms (at ${new Date(retryAt).toISOString()}).`;
      throw new UpstreamError('unavailable', message, { data: { retryAfterMs: inMs } });
    }
    const owner = connectionOwner(target, key);
    const setup = {
      clientVersion: this.options.clientVersion ?? '0.1.0',
      capabilities: forwardableCapabilities(this.options, owner),
      messages: this.messages,
    };
    const connection = new UpstreamConnection(
      owner,
      target.server,
      connectionFingerprint(target.server),
      setup,
      this,
    );
    this.connections.set(key, connection);
    connection.ready = this.opener.establish(connection);
    connection.ready.catch(() => undefined);
    this.sweeper.start();
    return connection;
  }

  /** A request found the transport broken: close the connection and back off before reconnecting. */
  fail(connection: UpstreamConnection, message: string): void {
    if (connection.state === 'closed') return;
    this.recordFailure(connection, message);
    void this.retire(connection, message);
  }

  private recordFailure(connection: UpstreamConnection, message: string): void {
    if (connection.failed) return;
    connection.failed = true;
    const now = Date.now();
    const upMs = connection.openedAt === 0 ? 0 : now - connection.openedAt;
    const delayMs = this.backoff.recordFailure(connection.owner.key, now, upMs);
    this.options.log('warn', 'upstream connection failed', {
      ...connectionLogFields(connection),
      [LOG_FIELDS.error]: message,
      retry_in_ms: delayMs,
    });
  }

  /**
   * Closes a connection and resolves once it is gone. With `drain`, a connection with requests in
   * flight leaves the pool at once (new requests get a new connection) and closes when they end.
   */
  retire(connection: UpstreamConnection, message: string, drain = false): Promise<void> {
    this.detach(connection);
    if (drain && connection.state === 'open' && connection.inFlight > 0) {
      connection.draining = true;
      connection.closeMessage = message;
      this.draining.add(connection);
      return connection.exited;
    }
    this.draining.delete(connection);
    return connection.close(message).then(() => connection.noteExited());
  }

  /** Called when a request on `connection` ends. */
  released(connection: UpstreamConnection): void {
    connection.inFlight -= 1;
    if (connection.draining && connection.inFlight === 0)
      void this.retire(connection, connection.closeMessage);
  }

  private detach(connection: UpstreamConnection): void {
    if (this.connections.get(connection.owner.key) === connection)
      this.connections.delete(connection.owner.key);
  }

  // ConnectionHooks

  onClosed(connection: UpstreamConnection): void {
    const label = serverLabel(connection.server);
    const what = connection.server.transport === 'stdio' ? 'exited' : 'closed the connection';
    if (connection.state === 'connecting') {
      // The failed connect reports it (connectFailed); this only explains a bare "connection closed".
      connection.closeMessage = `${label} ${what} during the MCP handshake.`;
    } else if (connection.state === 'open') {
      const message = `${label} ${what} unexpectedly; it will be reconnected on a later request.`;
      connection.state = 'closed';
      connection.closeMessage = message;
      this.detach(connection);
      this.recordFailure(connection, message);
    }
    connection.noteExited();
  }

  onError(connection: UpstreamConnection, error: Error): void {
    const label = serverLabel(connection.server);
    if (error.message.startsWith('ReadBuffer exceeded maximum size')) {
      this.fail(connection, `${label} sent a message larger than the stdio limit; the connection was reset.`);
    } else if (
      connection.server.transport === 'sse' &&
      connection.state === 'open' &&
      error.name === 'SseError'
    ) {
      this.fail(connection, `${label} dropped its SSE stream (${describeTransportError(error)}).`);
    }
    this.options.log('debug', 'upstream transport error', {
      ...connectionLogFields(connection),
      [LOG_FIELDS.error]: error.message.slice(0, 300),
    });
  }

  // Idle sweeping, invalidation, shutdown, stats

  /** Closes connections idle for idleMs; false when no connection is left to watch. */
  private sweep(): boolean {
    const now = Date.now();
    for (const connection of this.connections.values()) {
      const idle = connection.state === 'open' && connection.inFlight === 0;
      if (idle && now - connection.lastUsedAt >= this.options.idleMs) {
        this.options.log('debug', 'closing idle upstream connection', connectionLogFields(connection));
        void this.retire(
          connection,
          `${serverLabel(connection.server)}: connection closed after ${this.options.idleMs} ms idle.`,
        );
      }
    }
    this.backoff.prune(now);
    return this.connections.size > 0 || this.draining.size > 0;
  }

  private idlestProcess(): UpstreamConnection | undefined {
    let idlest: UpstreamConnection | undefined;
    for (const connection of this.connections.values()) {
      const candidate = connection.holdsProcess && connection.state === 'open' && connection.inFlight === 0;
      if (candidate && (!idlest || connection.lastUsedAt < idlest.lastUsedAt)) idlest = connection;
    }
    return idlest;
  }

  /** Closes (draining) every connection of a server and forgets its failures and OAuth token. */
  invalidateServer(serverId: string, message: (server: ServerEntry) => string): Promise<void> {
    this.credentials.forget(serverId);
    this.backoff.forget((key) => keyHasServer(key, serverId));
    const victims = [...this.connections.values()].filter((connection) => connection.server.id === serverId);
    return Promise.all(victims.map((victim) => this.retire(victim, message(victim.server), true))).then(
      () => undefined,
    );
  }

  /** Closes the connections of one client session at once. */
  closeSession(sessionId: string): Promise<void> {
    this.backoff.forget((key) => key.endsWith(`:${sessionId}`));
    const victims = [...this.connections.values()].filter(
      (connection) => connection.owner.sessionId === sessionId,
    );
    const message = 'The client session ended.';
    return Promise.all(victims.map((victim) => this.retire(victim, message))).then(() => undefined);
  }

  /** Closes everything; later opens fail. */
  async close(): Promise<void> {
    this.closed = true;
    this.sweeper.stop();
    const all = [...this.connections.values(), ...this.draining];
    await Promise.all(
      all.map((connection) => this.retire(connection, 'The upstream pool is shutting down.')),
    );
    this.credentials.clear();
  }

  stats(): UpstreamPoolStats {
    return buildPoolStats([...this.connections.values(), ...this.draining], this.counters, this.slots.count);
  }

  private count(server: ServerEntry): ServerCounters {
    let counter = this.counters.get(server.id);
    if (!counter) this.counters.set(server.id, (counter = { name: server.name, spawns: 0, restarts: 0 }));
    return counter;
  }
}
