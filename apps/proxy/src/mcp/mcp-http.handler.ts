import type { BusKeys } from '@bastion/bus';
import type { ConfigEntry } from '@bastion/contracts';
import { SPAN_NAMES } from '@bastion/observability';
import type { UpstreamPool } from '@bastion/upstream';
import type { Redis } from 'ioredis';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { HttpRefusal, readBody } from '../http/request-guards';
import { accepts, sendJson, sendRefusal, sendRpcError } from '../http/responses';
import { SseStream } from '../http/sse-stream';
import {
  inSpan,
  noteMcpRequest,
  noteMcpSession,
  noteRpcOutcome,
  outgoingTraceparent,
  traceMcpPost,
} from '../observability/tracing';
import { ClientCall } from './client-call';
import type { ClientReplies } from './client-replies';
import type { InflightRequests } from './inflight-requests';
import {
  bestEffortId,
  errorMessage,
  notificationMessage,
  parseMessage,
  resultMessage,
  type JsonRpcMessage,
} from './json-rpc';
import { LogLevelFilter } from './log-level.filter';
import { authenticate, resolveSession, type Access, type KeyResolver } from './mcp-access';
import type { McpDispatcher } from './mcp-dispatcher';
import { McpError } from './mcp-error';
import type { NotificationHub } from './notification.hub';
import { startSession } from './mcp-initialize';
import { SUPPORTED_PROTOCOL_VERSIONS } from './protocol';
import type { SessionCapabilities } from './session-capabilities';
import type { SessionLogLevels } from './session-log-levels';
import type { SessionRegistry } from './session-registry';
import type { SubscriptionStore } from './subscription.store';
import type { SessionRecord, SessionTokens } from './session-token';

/** Collaborators of the /mcp endpoint, wired by the proxy's composition root. */
export interface McpHttpDeps {
  state: () => KeyResolver | null;
  tokens: SessionTokens;
  registry: SessionRegistry;
  dispatcher: McpDispatcher;
  inflight: InflightRequests;
  hub: NotificationHub;
  pool: UpstreamPool;
  redis: Redis;
  keys: BusKeys;
  maxBodyBytes: number;
  /** Clients' answers to the gateway's server→client requests. */
  replies: ClientReplies;
  /** Sessions' client capabilities, for the upstream connections they open. */
  capabilities: SessionCapabilities;
  /** Resource subscriptions, dropped when their session ends. */
  subscriptions: SubscriptionStore;
  /** Sessions' MCP log levels, applied to the log messages their GET streams deliver. */
  logLevels?: SessionLogLevels;
  /** Told about every answered request (metrics, audit). */
  onAnswered?: (answered: AnsweredRequest) => void;
  /** Told about requests refused before MCP handling (401, 403, 404, 413…). */
  onRefused?: (status: number, method: string | undefined) => void;
}

/**
 * One answered MCP request, for metrics and the audit trail. `params`, `result` and `error` are the
 * live objects (not copies), present only when the config captures payloads; the observer redacts them.
 */
export interface AnsweredRequest {
  method: string;
  status: 'ok' | 'error';
  seconds: number;
  sid: string;
  projectId: string;
  keyId: string;
  userId: string | null;
  /** The exposed tool name of a tools/call. */
  tool?: string;
  errorCode?: number;
  /** The config's audit capture level ('metadata' without a config). */
  capture: ConfigEntry['auditCapture'];
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

type Session = { id: string; record: SessionRecord };

/** Streamable HTTP transport of the gateway: POST (requests), GET (server stream), DELETE (end). */
export class McpHttpHandler {
  constructor(private readonly deps: McpHttpDeps) {}

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      if (request.method === 'POST') return await traceMcpPost(request, () => this.post(request, response));
      if (request.method === 'GET') return await this.openStream(request, response);
      if (request.method === 'DELETE') return await this.endSession(request, response);
      sendRefusal(response, 405, 'Method not allowed.', { allow: 'GET, POST, DELETE' });
    } catch (error) {
      if (error instanceof HttpRefusal) {
        this.deps.onRefused?.(error.status, request.method);
        return sendRefusal(response, error.status, error.message, error.headers);
      }
      if (!response.headersSent) sendRefusal(response, 500, 'Internal error.');
    }
  }

  private async post(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const access = inSpan(SPAN_NAMES.authenticate, () => authenticate(request, this.deps.state()));
    const body = await readBody(request, this.deps.maxBodyBytes);
    let message: JsonRpcMessage;
    try {
      message = parseMessage(body);
    } catch (error) {
      return sendRpcError(response, 400, bestEffortId(body), error as McpError);
    }
    noteMcpRequest(access, message);
    if (message.method === 'initialize') return this.initialize(request, response, access, message);
    const session = await resolveSession(request, access, this.deps.tokens, this.deps.registry);
    noteMcpSession(session.record.sid);
    checkProtocolHeader(request);
    this.deps.capabilities.note(session.record);
    if (message.method === undefined) {
      // A response: the client's answer to a request the gateway relayed from an upstream.
      await this.deps.replies.accept(session.record.sid, message);
      response.writeHead(202).end();
      return;
    }
    if (message.id === undefined) {
      await this.notification(session, message);
      response.writeHead(202).end();
      return;
    }
    await this.request(
      request,
      response,
      access,
      session,
      message as Required<Pick<JsonRpcMessage, 'id' | 'method'>> & JsonRpcMessage,
    );
  }

  private initialize(
    request: IncomingMessage,
    response: ServerResponse,
    access: Access,
    message: JsonRpcMessage,
  ) {
    if (message.id === undefined) throw new HttpRefusal(400, 'initialize must be a request with an id.');
    if (request.headers['mcp-session-id'])
      throw new HttpRefusal(400, 'initialize must not carry Mcp-Session-Id.');
    const { sessionId, result, record } = startSession(this.deps.tokens, access, message.params ?? {});
    sendJson(response, 200, resultMessage(message.id, result), { 'mcp-session-id': sessionId });
    this.deps.onAnswered?.({
      ...answeredBase(access, record.sid),
      method: 'initialize',
      status: 'ok',
      seconds: 0,
    });
  }

  private async request(
    request: IncomingMessage,
    response: ServerResponse,
    access: Access,
    session: Session,
    message: JsonRpcMessage & { id: string | number; method: string },
  ): Promise<void> {
    const sid = session.record.sid;
    const { signal, done } = this.deps.inflight.start(sid, message.id);
    response.on('close', () => !response.writableFinished && this.deps.inflight.cancel(sid, message.id));
    const streamable = accepts(request, 'text/event-stream');
    const call = new ClientCall(session.record, message.id, response, streamable);
    const context = {
      scope: { projectId: access.project.id, servers: access.servers, sessionId: sid },
      config: access.config ?? undefined,
      keyId: access.key.id,
      signal,
      traceparent: outgoingTraceparent(request),
      onProgress: streamable ? progressSender(message, call) : undefined,
      caller: call,
    };
    let reply: string;
    let errorCode: number | undefined;
    let result: unknown;
    let failure: McpError | undefined;
    const started = performance.now();
    try {
      result = await this.deps.dispatcher.dispatch(message.method, context, message.params);
      reply = resultMessage(message.id, result);
    } catch (error) {
      const mcpError = error instanceof McpError ? error : McpError.of('internalError');
      errorCode = mcpError.code;
      failure = mcpError;
      reply = errorMessage(message.id, mcpError);
    } finally {
      done();
    }
    call.answer(reply);
    noteRpcOutcome(errorCode);
    const tool = message.method === 'tools/call' ? message.params?.['name'] : undefined;
    this.deps.onAnswered?.({
      ...answeredBase(access, sid),
      method: message.method,
      status: errorCode === undefined ? 'ok' : 'error',
      seconds: (performance.now() - started) / 1000,
      tool: typeof tool === 'string' ? tool.slice(0, 200) : undefined,
      errorCode,
      ...(access.config?.auditCapture === 'payload'
        ? {
            params: message.params,
            ...(failure
              ? { error: { code: failure.code, message: failure.message, data: failure.data } }
              : { result }),
          }
        : {}),
    });
  }

  private async notification(session: Session, message: JsonRpcMessage): Promise<void> {
    if (message.method !== 'notifications/cancelled') return;
    const requestId = message.params?.['requestId'];
    if (typeof requestId !== 'string' && typeof requestId !== 'number') return;
    if (this.deps.inflight.cancel(session.record.sid, requestId)) return;
    const payload = `${session.record.sid} ${JSON.stringify(requestId)}`;
    await this.deps.redis.publish(this.deps.keys.cancellations, payload).catch(() => undefined);
  }

  private async openStream(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const access = authenticate(request, this.deps.state());
    const session = await resolveSession(request, access, this.deps.tokens, this.deps.registry);
    this.deps.capabilities.note(session.record);
    if (!accepts(request, 'text/event-stream')) {
      throw new HttpRefusal(406, 'Not Acceptable: the server stream needs Accept: text/event-stream.');
    }
    const sid = session.record.sid;
    // Log messages below the session's level are dropped; the rest are redacted.
    const filter = new LogLevelFilter(sid, this.deps.logLevels);
    await this.deps.logLevels?.load(sid);
    // Subscribe before answering, so nothing published in between is lost; hold it until then.
    let stream: SseStream | null = null;
    const early: string[] = [];
    let ended = false;
    // The key is checked again for every message: a revoked key's open stream ends instead of
    // carrying the project's notifications on.
    const forward = (json: string) => {
      if (!stream) early.push(json);
      else if (!this.stillValid(request)) stream.end();
      else {
        const allowed = filter.apply(json);
        if (allowed !== null) stream.send(allowed);
      }
    };
    const stops = await Promise.all([
      this.deps.hub.listen(this.deps.keys.sessionChannel(sid), forward),
      this.deps.hub.listen(this.deps.keys.projectChannel(access.project.id), forward),
      // A session ended by DELETE on any worker takes its streams with it.
      this.deps.hub.listen(this.deps.keys.sessionsTerminated, (gone) => {
        if (gone !== sid) return;
        ended = true;
        stream?.end();
      }),
    ]);
    const open = new SseStream(response);
    stream = open;
    const stopAll = () => stops.forEach((stop) => stop());
    open.onClose(stopAll);
    if (response.destroyed) stopAll();
    for (const json of early.splice(0)) forward(json);
    if (ended) open.end();
  }

  private stillValid(request: IncomingMessage): boolean {
    try {
      authenticate(request, this.deps.state());
      return true;
    } catch {
      return false;
    }
  }

  private async endSession(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const access = authenticate(request, this.deps.state());
    const session = await resolveSession(request, access, this.deps.tokens, this.deps.registry);
    await this.deps.registry.terminate(session.record.sid);
    // Session-scoped upstream connections close in the background; the client need not wait.
    void this.deps.pool.closeSession(session.record.sid).catch(() => undefined);
    void this.deps.subscriptions.dropSession(access.project.id, session.record.sid).catch(() => undefined);
    response.writeHead(200).end();
  }
}

/** Sends the upstream's progress on the call's own stream, under the client's progressToken. */
function progressSender(message: JsonRpcMessage, call: ClientCall) {
  const progressToken = (message.params?.['_meta'] as { progressToken?: unknown } | undefined)?.progressToken;
  if (progressToken === undefined) return undefined;
  return (progress: object) =>
    void call.sendOnStream(notificationMessage('notifications/progress', { progressToken, ...progress }));
}

function answeredBase(access: Access, sid: string) {
  return {
    sid,
    projectId: access.project.id,
    keyId: access.key.id,
    userId: access.key.userId,
    capture: access.config?.auditCapture ?? 'metadata',
  };
}

function checkProtocolHeader(request: IncomingMessage): void {
  const version = request.headers['mcp-protocol-version'];
  if (
    version !== undefined &&
    !(SUPPORTED_PROTOCOL_VERSIONS as readonly string[]).includes(String(version))
  ) {
    throw new HttpRefusal(400, `Unsupported MCP-Protocol-Version: ${String(version)}.`);
  }
}
