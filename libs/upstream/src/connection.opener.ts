import type { ServerEntry } from '@bastion/contracts';
import { LOG_FIELDS } from '@bastion/observability';
import { connectionLogFields } from './connection.log-fields';
import type { ServerCounters } from './pool.stats';
import type { ProcessSlots } from './process-slots';
import type { RestartBackoff } from './restart-backoff.policy';
import type { UpstreamCredentials } from './upstream-credentials';
import { classifyConnectFailure } from './upstream-failure.classifier';
import { createUpstreamTransport, type TransportContext } from './upstream-transport.factory';
import type { UpstreamConnection } from './upstream.connection';
import { UpstreamError, serverLabel } from './upstream.error';
import { createUpstreamFetch } from './upstream.fetch';
import type { UpstreamPoolOptions } from './upstream.types';

/** The SDK's own default; a stdio message may be larger than the response limit before it is cut off. */
const MIN_STDIO_MESSAGE_BYTES = 10 * 1024 * 1024;

/** What the opener needs from the lifecycle that owns the connections. */
export interface OpenerHost {
  /** Removes a connection from the pool's map (if it is still there). */
  detach(connection: UpstreamConnection): void;
  /** Records a failure for backoff (once per connection). */
  recordFailure(connection: UpstreamConnection, message: string): void;
  counters(server: ServerEntry): ServerCounters;
}

function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Connects one pooled connection: takes a process slot (stdio), builds the transport with the
 * server's opened credentials, runs the MCP handshake within connectMs, and on failure cleans up
 * and records the failure for the restart backoff.
 */
export class ConnectionOpener {
  constructor(
    private readonly options: UpstreamPoolOptions,
    private readonly host: OpenerHost,
    private readonly slots: ProcessSlots,
    private readonly credentials: UpstreamCredentials,
    private readonly backoff: RestartBackoff,
  ) {}

  /** Resolves when `connection` is open; rejects with an UpstreamError. */
  async establish(connection: UpstreamConnection): Promise<void> {
    const server = connection.server;
    const started = Date.now();
    if (server.transport === 'stdio' && !(await this.slots.acquire(connection))) {
      const limit = this.options.maxProcesses;
      this.abandon(
        connection,
        `${serverLabel(server)} cannot be started: this worker already runs its limit of ${limit} upstream processes.`,
      );
      throw new UpstreamError('unavailable', connection.closeMessage);
    }
    try {
      const transport = createUpstreamTransport(server, this.transportContext(connection));
      if (server.transport === 'stdio') this.host.counters(server).spawns += 1;
      const ms = server.timeouts.connectMs;
      const late = () =>
        new UpstreamError('timeout', `${serverLabel(server)} did not finish connecting within ${ms} ms.`);
      await withDeadline(connection.connect(transport, ms), ms, late);
    } catch (error) {
      throw this.connectFailed(connection, error);
    }
    if (connection.state !== 'connecting') throw new UpstreamError('unavailable', connection.closeMessage);
    connection.state = 'open';
    connection.openedAt = connection.lastUsedAt = Date.now();
    if (this.backoff.noteConnected(connection.owner.key)) this.host.counters(server).restarts += 1;
    const durationMs = Date.now() - started;
    this.options.log('info', 'upstream connected', {
      ...connectionLogFields(connection),
      [LOG_FIELDS.durationMs]: durationMs,
    });
  }

  private transportContext(connection: UpstreamConnection): TransportContext {
    return {
      openSecret: this.options.openSecret,
      baseEnv: this.options.baseEnv ?? {},
      maxMessageBytes: Math.max(MIN_STDIO_MESSAGE_BYTES, 2 * this.options.maxResponseBytes),
      fetch: createUpstreamFetch(this.credentials.tokenSource(connection.server)),
      onStderrLine: (line) =>
        this.options.log('debug', 'upstream stderr', { ...connectionLogFields(connection), line }),
    };
  }

  private connectFailed(connection: UpstreamConnection, error: unknown): UpstreamError {
    const closedByPool = connection.state === 'closed' && !connection.failed;
    const failure = classifyConnectFailure(error, connection.server, connection.closeMessage || undefined);
    this.host.detach(connection);
    if (!closedByPool) this.host.recordFailure(connection, failure.message);
    void connection.close(failure.message).finally(() => connection.noteExited());
    return failure;
  }

  /** Drops a connection that never started (no process, no transport). */
  private abandon(connection: UpstreamConnection, message: string): void {
    this.host.detach(connection);
    connection.state = 'closed';
    connection.closeMessage = message;
    connection.noteExited();
  }
}
