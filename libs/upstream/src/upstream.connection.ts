import type { ServerEntry } from '@bastion/contracts';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { JsonSchemaValidator, jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { z } from 'zod';
import type { MessageHooks } from './connection.messages';
import { RequestTracker } from './request-tracker';
import { handleServerRequests, toClientCapabilities } from './server-requests';
import { FORWARDED_NOTIFICATIONS } from './upstream-notification.mapper';
import type { UpstreamClientCapabilities, UpstreamRequestOptions } from './upstream.types';

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
}

/** How a connection presents itself upstream. */
export interface ConnectionSetup {
  clientVersion: string;
  /** Client capabilities to declare (requests for them are passed to onServerRequest). */
  capabilities: UpstreamClientCapabilities;
  /** Where notifications and server requests go. */
  messages: MessageHooks;
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
  private readonly tracker = new RequestTracker();
  private readonly messages: MessageHooks;

  constructor(
    readonly owner: ConnectionOwner,
    public server: ServerEntry,
    fingerprint: string,
    setup: ConnectionSetup,
    hooks: ConnectionHooks,
  ) {
    this.fingerprint = fingerprint;
    this.messages = setup.messages;
    this.exited = new Promise<void>((resolve) => (this.markExited = resolve));
    this.client = new Client(
      { name: 'bastion-gateway', version: setup.clientVersion },
      { capabilities: toClientCapabilities(setup.capabilities), jsonSchemaValidator: NO_OUTPUT_VALIDATION },
    );
    this.client.onclose = () => hooks.onClosed(this);
    this.client.onerror = (error) => hooks.onError(this, error);
    // Only notifications sent before the transport is tapped (during the handshake) arrive here.
    this.client.fallbackNotificationHandler = (notification) => {
      setup.messages.onNotification(this, notification);
      return Promise.resolve();
    };
    handleServerRequests(this.client, setup.capabilities, (method, params, signal) =>
      setup.messages.onServerRequest(this, { method, params, signal, caller: this.tracker.soleCaller() }),
    );
  }

  /** Starts the transport and runs the MCP handshake (initialize + initialized). */
  async connect(transport: Transport, timeoutMs: number): Promise<void> {
    if (transport instanceof StreamableHTTPClientTransport) this.httpTransport = transport;
    await this.client.connect(transport, { timeout: timeoutMs });
    this.tracker.tap(transport, (message) => this.passOn(message));
    if (transport instanceof StdioClientTransport) this.pid = transport.pid;
  }

  /**
   * Passes a forwarded notification on as it is read, so a log message is attributed to the
   * request that was in flight when it arrived (not after a result read in the same chunk).
   */
  private passOn(message: JSONRPCMessage): boolean {
    if (!('method' in message) || 'id' in message || !FORWARDED_NOTIFICATIONS.has(message.method))
      return false;
    this.messages.onNotification(this, message, this.tracker.soleCaller());
    return true;
  }

  /** Sends one request; resolves with the raw result object (progress reaches `options.onProgress`). */
  send(
    method: string,
    params: Record<string, unknown> | undefined,
    timeout: number,
    options: UpstreamRequestOptions,
  ): Promise<Record<string, unknown>> {
    const tracked = this.tracker.track(params, options);
    return this.client
      .request({ method, params: tracked.params }, RESULT_SCHEMA, { signal: options.signal, timeout })
      .finally(tracked.release);
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
