import type { ServerEntry } from '@bastion/contracts';
import { SseError } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { ZodError } from 'zod';
import { UpstreamError, serverLabel } from './upstream.error';

/** What is known about a failed request when its error is classified. */
export interface FailureContext {
  server: ServerEntry;
  method: string;
  budgetMs: number;
  signal?: AbortSignal;
  /** Set when the connection had closed: the reason requests on it fail. */
  closedMessage?: string;
}

const SDK_PREFIX = /^MCP error -?\d+: /;

/** A short, secret-free description of a transport error: an HTTP status or a system error code. */
export function describeTransportError(error: unknown): string {
  if (error instanceof StreamableHTTPError || error instanceof SseError) {
    return error.code === undefined ? 'HTTP error' : `HTTP ${error.code}`;
  }
  const code = (error as { code?: unknown; cause?: { code?: unknown } } | null)?.cause?.code;
  const own = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  if (typeof own === 'string') return own;
  return error instanceof Error ? error.name : 'unknown error';
}

/**
 * Whether a failed request means the connection itself is unusable: a lost session (HTTP 404), a
 * network or pipe error. Any other HTTP status fails only that request; the connection stays.
 */
export function breaksConnection(error: unknown): boolean {
  if (error instanceof UpstreamError || error instanceof McpError || error instanceof ZodError) return false;
  if (error instanceof StreamableHTTPError || error instanceof SseError) {
    return error.code === undefined || error.code === 404;
  }
  return true;
}

function isSdkTimeout(error: McpError, budgetMs: number): boolean {
  const data = error.data as { timeout?: unknown } | undefined;
  return error.code === (ErrorCode.RequestTimeout as number) && data?.timeout === budgetMs;
}

/**
 * Turns whatever a request on a connection threw into an UpstreamError: the caller's abort →
 * `cancelled`, the SDK's timer → `timeout`, a closed connection → `unavailable`, a JSON-RPC error
 * from the server → `upstream-error` with its own code and message, a result that is not an object
 * → `protocol`, anything else (HTTP status, network) → `unavailable`.
 */
export function classifyRequestFailure(error: unknown, ctx: FailureContext): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const label = serverLabel(ctx.server);
  if (ctx.signal?.aborted) return new UpstreamError('cancelled', `The request to ${label} was cancelled.`);
  if (ctx.closedMessage) return new UpstreamError('unavailable', ctx.closedMessage, { cause: error });
  if (error instanceof McpError) {
    if (isSdkTimeout(error, ctx.budgetMs)) {
      return new UpstreamError('timeout', `${label} did not answer ${ctx.method} within ${ctx.budgetMs} ms.`);
    }
    return new UpstreamError('upstream-error', error.message.replace(SDK_PREFIX, ''), {
      code: error.code,
      data: error.data,
    });
  }
  if (error instanceof ZodError || error instanceof SyntaxError) {
    return new UpstreamError(
      'protocol',
      `${label} answered ${ctx.method} with something that is not an MCP result.`,
    );
  }
  const why = describeTransportError(error);
  return new UpstreamError('unavailable', `${label} could not be reached (${why}).`, { cause: error });
}

/** Classifies a failed connect (spawn, transport start, MCP handshake). */
export function classifyConnectFailure(
  error: unknown,
  server: ServerEntry,
  closedMessage?: string,
): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const label = serverLabel(server);
  if (error instanceof McpError) {
    if (error.code === (ErrorCode.ConnectionClosed as number)) {
      return new UpstreamError(
        'unavailable',
        closedMessage ?? `${label} closed the connection during the MCP handshake.`,
      );
    }
    const reason = error.message.replace(SDK_PREFIX, '').slice(0, 200);
    return new UpstreamError('unavailable', `${label} refused the MCP handshake: ${reason}`, {
      cause: error,
    });
  }
  if (error instanceof ZodError) {
    return new UpstreamError('protocol', `${label} answered initialize with something that is not MCP.`);
  }
  if (error instanceof Error && error.message.startsWith("Server's protocol version is not supported")) {
    return new UpstreamError('protocol', `${label} speaks an unsupported MCP protocol version.`);
  }
  const why = describeTransportError(error);
  return new UpstreamError('unavailable', `${label} could not be started or reached (${why}).`, {
    cause: error,
  });
}
