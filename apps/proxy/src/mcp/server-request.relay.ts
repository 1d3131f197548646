import type { BusKeys } from '@bastion/bus';
import { LOG_FIELDS } from '@bastion/observability';
import type { UpstreamClientCapabilities, UpstreamServerRequest } from '@bastion/upstream';
import type { Redis } from 'ioredis';
import { ClientCall } from './client-call';
import type { ClientReplies } from './client-replies';
import { notificationMessage } from './json-rpc';
import { McpError } from './mcp-error';

/** The longest a server request waits for the client; the call it belongs to usually ends first. */
export const DEFAULT_REPLY_TIMEOUT_MS = 60_000;
/** The JSON-RPC code of "request timed out" in MCP (the SDKs' RequestTimeout). */
const REQUEST_TIMEOUT_CODE = -32001;

const CAPABILITY_OF: Record<UpstreamServerRequest['method'], keyof UpstreamClientCapabilities> = {
  'sampling/createMessage': 'sampling',
  'elicitation/create': 'elicitation',
  'roots/list': 'roots',
};

export interface ServerRequestRelayDeps {
  replies: ClientReplies;
  redis: Redis;
  keys: BusKeys;
  timeoutMs?: number;
  log?: (level: 'debug' | 'warn', message: string, fields: Record<string, unknown>) => void;
}

/**
 * Relays requests upstream servers send to their client (sampling, elicitation, roots) to the end
 * client they belong to, and its answer back. The client session is the caller of the request in
 * flight the pool attributed it to, else the session of a session-scoped connection; anything else
 * is refused. The request goes on the originating call's own SSE stream when the client accepts
 * one, else on the session's channel, which its GET stream carries on whatever worker holds it.
 * Every failure becomes a JSON-RPC error for the upstream; the client never sees the upstream.
 */
export class ServerRequestRelay {
  private readonly timeoutMs: number;

  constructor(private readonly deps: ServerRequestRelayDeps) {
    this.timeoutMs = deps.timeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
  }

  /** Forwards one server request to its client; resolves with the client's result, rejects with the upstream's error. */
  async handle(request: UpstreamServerRequest): Promise<Record<string, unknown>> {
    const call = request.caller instanceof ClientCall ? request.caller : undefined;
    const sid = this.admit(request, call);
    const id = this.deps.replies.newId();
    const deliver = (json: string) => this.deliver(call, sid, json);
    let delivered = false;
    const onGiveUp = (reason: 'timeout' | 'aborted') => {
      this.deps.log?.('debug', 'server request abandoned', {
        ...logFields(request),
        [LOG_FIELDS.sessionId]: sid,
        reason,
      });
      const why = reason === 'timeout' ? 'timed out' : 'was cancelled';
      const cancelled = notificationMessage('notifications/cancelled', {
        requestId: id,
        reason: `Bastion: ${why}`,
      });
      // The client is told only about a request it got.
      if (delivered) void deliver(cancelled).catch(() => undefined);
      return giveUpError(request.method, reason, this.timeoutMs);
    };
    const signals = call ? [request.signal, call.ended] : [request.signal];
    const json = JSON.stringify({ jsonrpc: '2.0', id, method: request.method, params: request.params ?? {} });
    return this.deps.replies.wait(id, { sid, timeoutMs: this.timeoutMs, signals, onGiveUp }, async () => {
      await deliver(json);
      delivered = true;
    });
  }

  /** The session the request is for; throws the error the upstream gets when there is none or it may not. */
  private admit(request: UpstreamServerRequest, call: ClientCall | undefined): string {
    const sid = call?.sessionId ?? request.target.sessionId;
    if (sid === undefined) {
      this.deps.log?.('warn', 'server request not attributable to a client session', logFields(request));
      throw notAttributable(request.method);
    }
    const capability = CAPABILITY_OF[request.method];
    if (call && !call.session.capabilities[capability]) {
      const message = `The client session does not support ${request.method} (it did not declare ${capability}).`;
      throw McpError.of('methodNotFound', message);
    }
    return sid;
  }

  /** On the call's own stream if possible, else to the session's GET stream (on any worker). */
  private async deliver(call: ClientCall | undefined, sid: string, json: string): Promise<void> {
    if (call?.sendOnStream(json)) return;
    const receivers = await this.deps.redis.publish(this.deps.keys.sessionChannel(sid), json).catch(() => {
      throw McpError.of('internalError', 'The gateway could not pass the request on to the client.');
    });
    if (receivers === 0) {
      throw McpError.of(
        'internalError',
        'The client session has no open stream to receive the request: the call takes JSON only (no text/event-stream) and no GET stream is open.',
      );
    }
  }
}

function logFields(request: UpstreamServerRequest): Record<string, unknown> {
  return {
    [LOG_FIELDS.server]: request.target.server.name,
    [LOG_FIELDS.projectId]: request.target.projectId,
    [LOG_FIELDS.method]: request.method,
  };
}

function notAttributable(method: string): McpError {
  return McpError.of(
    'invalidRequest',
    `Bastion cannot attribute ${method} to one client session: it arrived while no single client request was in flight on this shared upstream connection. Give the server connectionScope "session" to let it ask clients outside single calls.`,
  );
}

function giveUpError(method: string, reason: 'timeout' | 'aborted', timeoutMs: number): McpError {
  if (reason === 'timeout') {
    return new McpError(REQUEST_TIMEOUT_CODE, `The client did not answer ${method} within ${timeoutMs} ms.`);
  }
  return McpError.of(
    'requestCancelled',
    `${method} was cancelled: the request it belonged to ended or the server withdrew it.`,
  );
}
