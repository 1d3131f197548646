import { LOG_FIELDS } from '@bastion/observability';
import { connectionFingerprint, connectionKey } from './connection-key';
import { ConnectionLifecycle } from './connection.lifecycle';
import { estimateJsonBytes } from './json-size.estimator';
import type { UpstreamPoolStats } from './pool.stats';
import { breaksConnection, classifyRequestFailure } from './upstream-failure.classifier';
import type { UpstreamConnection } from './upstream.connection';
import { UpstreamError, serverLabel } from './upstream.error';
import { withTraceparent } from './upstream.fetch';
import type { UpstreamPoolOptions, UpstreamRequestOptions, UpstreamTarget } from './upstream.types';

function cancelled(connection: UpstreamConnection): UpstreamError {
  return new UpstreamError('cancelled', `The request to ${serverLabel(connection.server)} was cancelled.`);
}

/**
 * Pooled MCP client connections to upstream servers (stdio children, Streamable HTTP, SSE).
 * One connection per project and server (or per session for session-scoped servers), opened on
 * first use, shared by concurrent requests (the SDK multiplexes by request id), never shared across
 * projects. Failures reject with {@link UpstreamError}.
 */
export class UpstreamPool {
  private readonly lifecycle: ConnectionLifecycle;

  constructor(private readonly options: UpstreamPoolOptions) {
    this.lifecycle = new ConnectionLifecycle(options);
  }

  /**
   * Sends one JSON-RPC request (tools/list, tools/call, resources/read, …) to the target's server
   * and resolves with the raw result object. The time budget is the server's discoveryMs or callMs
   * by `options.operation`; aborting `options.signal` cancels it upstream. Give each request its own
   * signal: the SDK adds an abort listener per request and never removes it. With `onProgress`, the
   * SDK sets its own `_meta.progressToken` (the caller's token is not forwarded).
   */
  async request(
    target: UpstreamTarget,
    method: string,
    params: Record<string, unknown> | undefined,
    options: UpstreamRequestOptions,
  ): Promise<Record<string, unknown>> {
    const connection = this.connectionFor(target);
    if (connection.state !== 'open') await this.whenOpen(connection, options.signal);
    const timeouts = target.server.timeouts;
    const budget = options.operation === 'call' ? timeouts.callMs : timeouts.discoveryMs;
    const started = Date.now();
    connection.inFlight += 1;
    connection.lastUsedAt = started;
    try {
      const sending =
        options.traceparent !== undefined && target.server.transport !== 'stdio'
          ? withTraceparent(options.traceparent, () => connection.send(method, params, budget, options))
          : connection.send(method, params, budget, options);
      const result = await sending;
      this.inspect(connection, method, result, Date.now() - started, budget);
      return result;
    } catch (error) {
      throw this.failed(connection, error, method, budget, options.signal);
    } finally {
      connection.lastUsedAt = Date.now();
      this.lifecycle.released(connection);
    }
  }

  /** Closes every connection of a server (its config changed or it was deleted); in-flight requests finish first. */
  invalidateServer(serverId: string): Promise<void> {
    return this.lifecycle.invalidateServer(
      serverId,
      (server) => `${serverLabel(server)} was reconfigured or removed; its connection was closed.`,
    );
  }

  /** Closes the session-scoped connections of one client session. */
  closeSession(sessionId: string): Promise<void> {
    return this.lifecycle.closeSession(sessionId);
  }

  /** Closes every connection and stops every child process; later requests fail. */
  close(): Promise<void> {
    return this.lifecycle.close();
  }

  /** Connections, processes, spawns and restarts, in total and per server. */
  stats(): UpstreamPoolStats {
    return this.lifecycle.stats();
  }

  private connectionFor(target: UpstreamTarget): UpstreamConnection {
    const key = connectionKey(target);
    const existing = this.lifecycle.connections.get(key);
    if (existing) {
      if (existing.server === target.server) return existing;
      const fingerprint = connectionFingerprint(target.server);
      if (fingerprint === existing.fingerprint) {
        existing.server = target.server;
        return existing;
      }
      const message = `${serverLabel(existing.server)} was reconfigured; its connection was closed.`;
      void this.lifecycle.retire(existing, message, true);
    }
    return this.lifecycle.open(target, key);
  }

  private async whenOpen(connection: UpstreamConnection, signal: AbortSignal | undefined): Promise<void> {
    if (!signal) return connection.ready;
    if (signal.aborted) throw cancelled(connection);
    let onAbort: () => void = () => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(cancelled(connection));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([connection.ready, aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  private inspect(
    connection: UpstreamConnection,
    method: string,
    result: Record<string, unknown>,
    elapsedMs: number,
    budgetMs: number,
  ): void {
    const limit = this.options.maxResponseBytes;
    if (estimateJsonBytes(result, limit) > limit) {
      const message = `${serverLabel(connection.server)} answered ${method} with more than ${limit} bytes, over the response size limit.`;
      throw new UpstreamError('too-large', message, { data: { limitBytes: limit } });
    }
    if (elapsedMs > budgetMs * this.options.slowCallWarnRatio) {
      this.options.log('warn', 'slow upstream request', {
        [LOG_FIELDS.server]: connection.server.name,
        [LOG_FIELDS.projectId]: connection.owner.projectId,
        [LOG_FIELDS.method]: method,
        [LOG_FIELDS.durationMs]: elapsedMs,
        budget_ms: budgetMs,
      });
    }
  }

  private failed(
    connection: UpstreamConnection,
    error: unknown,
    method: string,
    budgetMs: number,
    signal: AbortSignal | undefined,
  ): UpstreamError {
    const closedMessage = connection.state === 'closed' ? connection.closeMessage : undefined;
    const failure = classifyRequestFailure(error, {
      server: connection.server,
      method,
      budgetMs,
      signal,
      closedMessage,
    });
    // An open connection whose transport broke (lost session, network or pipe error) is replaced.
    const broken =
      failure.failure === 'unavailable' && connection.state === 'open' && breaksConnection(error);
    if (broken) this.lifecycle.fail(connection, failure.message);
    return failure;
  }
}
