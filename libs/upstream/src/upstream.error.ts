import { MCP_ERRORS } from '@bastion/contracts';
import type { UpstreamFailure } from './upstream.types';

/** The gateway's JSON-RPC code for each failure it names itself. */
const FAILURE_CODES: Record<Exclude<UpstreamFailure, 'upstream-error'>, number> = {
  unavailable: MCP_ERRORS.upstreamUnavailable.code,
  timeout: MCP_ERRORS.upstreamTimeout.code,
  'too-large': MCP_ERRORS.upstreamResponseTooLarge.code,
  protocol: MCP_ERRORS.upstreamProtocolError.code,
  cancelled: MCP_ERRORS.requestCancelled.code,
};

export interface UpstreamErrorOptions {
  /** JSON-RPC code; required for `upstream-error` (the upstream's own code), derived otherwise. */
  code?: number;
  /** JSON-RPC error `data` to pass on. */
  data?: unknown;
  cause?: unknown;
}

/**
 * Why an upstream request failed, ready to become a JSON-RPC error: `code` and `message` go to the
 * client as they are. Messages name the server and never contain credentials (header or env
 * values, tokens, the server URL's query).
 */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  /** JSON-RPC error code (MCP_ERRORS, or the upstream's own code for `upstream-error`). */
  readonly code: number;
  /** JSON-RPC error data, when there is any. */
  readonly data?: unknown;

  constructor(
    readonly failure: UpstreamFailure,
    message: string,
    options: UpstreamErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code =
      options.code ?? (failure === 'upstream-error' ? MCP_ERRORS.internalError.code : FAILURE_CODES[failure]);
    if (options.data !== undefined) this.data = options.data;
  }
}

/** How a server is named in messages and logs: its configured name (never its URL or command line). */
export function serverLabel(server: { name: string }): string {
  return `server "${server.name}"`;
}
