import {
  SPAN_ATTRIBUTES,
  activeSpanContext,
  formatTraceparent,
  mcpSpanName,
  parseTraceparent,
  upstreamSpanName,
} from '@bastion/observability';
import { UpstreamError } from '@bastion/upstream';
import {
  context,
  isSpanContextValid,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';
import type { IncomingMessage } from 'node:http';
import { HttpRefusal } from '../http/request-guards';
import { McpError } from '../mcp/mcp-error';

/**
 * Spans of the MCP hot path, through the OpenTelemetry API only: without a registered SDK (no
 * OTEL_EXPORTER_OTLP_ENDPOINT) every call here is a no-op object and a few property reads.
 * Attributes are identifiers (method, session sid, project and key ids, tool and server names),
 * never arguments, results, headers or keys; errors are recorded by code, never by message.
 */
const tracer = trace.getTracer('bastion-proxy');

/** Longest tool name put on a span (names come from the client). */
const MAX_NAME_CHARS = 200;

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Where a request's span starts: under the HTTP server span when the http instrumentation made one
 * (it already read the client's trace context), else under the client's `traceparent`, else a root.
 */
function requestParent(request: IncomingMessage): Context {
  const active = context.active();
  if (trace.getSpan(active)) return active;
  const remote = parseTraceparent(header(request, 'traceparent'));
  return remote ? trace.setSpanContext(active, remote) : active;
}

/** Marks `span` failed with the error's code or class (the message may quote client data). */
function fail(span: Span, error: unknown): void {
  if (error instanceof HttpRefusal) {
    span.setAttribute(SPAN_ATTRIBUTES.httpStatusCode, error.status);
    span.setAttribute(SPAN_ATTRIBUTES.errorType, String(error.status));
  } else if (error instanceof McpError || error instanceof UpstreamError) {
    span.setAttribute(SPAN_ATTRIBUTES.rpcStatusCode, String(error.code));
    span.setAttribute(SPAN_ATTRIBUTES.errorType, String(error.code));
  } else {
    span.setAttribute(SPAN_ATTRIBUTES.errorType, error instanceof Error ? error.name : typeof error);
  }
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/**
 * Runs one POST /mcp in its span: `mcp` until the body is read, then `mcp <method>` (see
 * {@link noteMcpRequest}). Refusals (401, 404…) end it as errors with their HTTP status.
 */
export function traceMcpPost<T>(request: IncomingMessage, handle: () => Promise<T>): Promise<T> {
  const kind = trace.getSpan(context.active()) ? SpanKind.INTERNAL : SpanKind.SERVER;
  return tracer.startActiveSpan(mcpSpanName('request'), { kind }, requestParent(request), async (span) => {
    try {
      return await handle();
    } catch (error) {
      fail(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Names the current request span after the message and who sent it (ids only). */
export function noteMcpRequest(
  access: { project: { id: string }; key: { id: string } },
  message: { method?: string; params?: Record<string, unknown> },
): void {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  const method = message.method ?? 'response';
  span.updateName(mcpSpanName(method));
  span.setAttribute(SPAN_ATTRIBUTES.mcpMethod, method);
  span.setAttribute(SPAN_ATTRIBUTES.projectId, access.project.id);
  span.setAttribute(SPAN_ATTRIBUTES.keyId, access.key.id);
  const tool = message.method === 'tools/call' ? message.params?.['name'] : undefined;
  if (typeof tool === 'string') span.setAttribute(SPAN_ATTRIBUTES.tool, tool.slice(0, MAX_NAME_CHARS));
}

/** Records the session (its internal sid: the Mcp-Session-Id header is a bearer token). */
export function noteMcpSession(sid: string): void {
  trace.getActiveSpan()?.setAttribute(SPAN_ATTRIBUTES.mcpSession, sid);
}

/** Records how the request was answered: its JSON-RPC error code when it failed. */
export function noteRpcOutcome(errorCode: number | undefined): void {
  const span = trace.getActiveSpan();
  if (errorCode === undefined || !span) return;
  span.setAttribute(SPAN_ATTRIBUTES.rpcStatusCode, String(errorCode));
  span.setAttribute(SPAN_ATTRIBUTES.errorType, String(errorCode));
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/**
 * The `traceparent` for what this request sends upstream: the current span (the gateway's own, so
 * the upstream sees it as parent) or, without an SDK, the client's valid `traceparent` as received.
 */
export function outgoingTraceparent(request: IncomingMessage): string | undefined {
  const parent = activeSpanContext() ?? parseTraceparent(header(request, 'traceparent'));
  return parent ? formatTraceparent(parent) : undefined;
}

/** Runs `work` (sync or async) in a child span named `name`; a throw or rejection marks it failed. */
export function inSpan<T>(name: string, work: () => T): T {
  return tracer.startActiveSpan(name, (span): T => {
    let result: T;
    try {
      result = work();
    } catch (error) {
      fail(span, error);
      span.end();
      throw error;
    }
    if (!(result instanceof Promise)) {
      span.end();
      return result;
    }
    return result.then(
      (value: unknown) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        fail(span, error);
        span.end();
        throw error;
      },
    ) as T;
  });
}

/**
 * Runs one upstream request in its span (`upstream <server> <method>`, with the server's name,
 * transport and outcome); `send` gets the `traceparent` naming that span, or undefined without an SDK.
 */
export function traceUpstream<T>(
  server: { name: string; transport: string },
  method: string,
  send: (traceparent: string | undefined) => Promise<T>,
): Promise<T> {
  const attributes = {
    [SPAN_ATTRIBUTES.upstreamServer]: server.name,
    [SPAN_ATTRIBUTES.upstreamTransport]: server.transport,
  };
  const name = upstreamSpanName(server.name, method);
  return tracer.startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    const own = span.spanContext();
    try {
      const result = await send(isSpanContextValid(own) ? formatTraceparent(own) : undefined);
      span.setAttribute(SPAN_ATTRIBUTES.upstreamOutcome, 'ok');
      return result;
    } catch (error) {
      span.setAttribute(
        SPAN_ATTRIBUTES.upstreamOutcome,
        error instanceof UpstreamError ? error.failure : 'error',
      );
      fail(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}
