import type { ServerEntry } from '@bastion/contracts';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Notification } from '@modelcontextprotocol/sdk/types.js';
import type { JsonSchemaValidator, jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { z } from 'zod';
import type { UpstreamRequestOptions } from './upstream.types';

/**
 * Accepts any JSON object as a result without copying it: results are passed on as they are, and a
 * full schema parse of every (possibly large) result would be the most expensive step of a call.
 */
const RESULT_SCHEMA = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
);

/** The pool never calls Client.callTool, so the SDK's Ajv output validation (0.5 ms per client) is skipped. */
const NO_OUTPUT_VALIDATION: jsonSchemaValidator = {
  getValidator<T>(): JsonSchemaValidator<T> {
    return (input: unknown) => ({ valid: true, data: input as T, errorMessage: undefined });
  },
};

/** How long a deliberate close waits for the upstream to acknowledge the session's end. */
const SESSION_END_TIMEOUT_MS = 1_000;

export type ConnectionState = 'connecting' | 'open' | 'closed';

/** What the pool hears from a connection. */
export interface ConnectionHooks {
  /** The transport closed, whoever closed it. */
  onClosed(connection: UpstreamConnection): void;
  onError(connection: UpstreamConnection, error: Error): void;
  onNotification(connection: UpstreamConnection, notification: Notification): void;
}

/** Where a connection belongs: one project (and one session for session-scoped servers). */
export interface ConnectionOwner {
  key: string;
  projectId: string;
  sessionId?: string;
}

/** One MCP client session with one upstream server, shared by every request with the same key. */
export class UpstreamConnection {
  state: ConnectionState = 'connecting';
  /** Settles when the connection is open (or failed to open). */
  ready: Promise<void> = Promise.resolve();
  inFlight = 0;
  lastUsedAt = Date.now();
  openedAt = 0;
  /** Removed from the pool; closes once its in-flight requests finish. */
  draining = false;
  /** Why the connection closed; requests failing because of it get this message. */
  closeMessage = '';
  /** A failure was recorded for this connection (crash, broken transport, failed connect). */
  failed = false;
  /** Holds one of the pool's stdio process slots until `exited`. */
  holdsProcess = false;
  pid: number | null = null;
  /** Fingerprint of the server fields the connection was built from. */
  fingerprint: string;
  readonly client: Client;
  readonly exited: Promise<void>;
  private markExited!: () => void;
  private closing?: Promise<void>;
  private httpTransport?: StreamableHTTPClientTransport;

  constructor(
    readonly owner: ConnectionOwner,
    public server: ServerEntry,
    fingerprint: string,
    clientVersion: string,
    hooks: ConnectionHooks,
  ) {
    this.fingerprint = fingerprint;
    this.exited = new Promise<void>((resolve) => (this.markExited = resolve));
    this.client = new Client(
      { name: 'bastion-gateway', version: clientVersion },
      { capabilities: {}, jsonSchemaValidator: NO_OUTPUT_VALIDATION },
    );
    this.client.onclose = () => hooks.onClosed(this);
    this.client.onerror = (error) => hooks.onError(this, error);
    this.client.fallbackNotificationHandler = (notification) => {
      hooks.onNotification(this, notification);
      return Promise.resolve();
    };
  }

  /** Starts the transport and runs the MCP handshake (initialize + initialized). */
  async connect(transport: Transport, timeoutMs: number): Promise<void> {
    if (transport instanceof StreamableHTTPClientTransport) this.httpTransport = transport;
    await this.client.connect(transport, { timeout: timeoutMs });
    if (transport instanceof StdioClientTransport) this.pid = transport.pid;
  }

  /** Sends one request; resolves with the raw result object. */
  send(
    method: string,
    params: Record<string, unknown> | undefined,
    timeout: number,
    options: UpstreamRequestOptions,
  ): Promise<Record<string, unknown>> {
    return this.client.request({ method, params }, RESULT_SCHEMA, {
      signal: options.signal,
      timeout,
      onprogress: options.onProgress,
    });
  }

  /** Closes the connection (idempotent); in-flight requests fail with `message`. */
  close(message: string): Promise<void> {
    if (this.state !== 'closed') {
      this.state = 'closed';
      this.closeMessage = message;
    }
    this.closing ??= this.endHttpSession()
      .then(() => this.client.close())
      .catch(() => undefined);
    return this.closing;
  }

  /**
   * Ends the upstream's Streamable HTTP session (DELETE) on a deliberate close, so servers do not
   * keep one session per closed connection until their own timeout. Bounded; failures are ignored.
   */
  private async endHttpSession(): Promise<void> {
    const transport = this.httpTransport;
    if (!transport?.sessionId || this.failed) return;
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, SESSION_END_TIMEOUT_MS)));
    await Promise.race([transport.terminateSession().catch(() => undefined), bound]);
    clearTimeout(timer);
  }

  /** The transport is gone (process exited, HTTP session ended); idempotent. */
  noteExited(): void {
    this.markExited();
  }
}
