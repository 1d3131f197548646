import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
  type ClientCapabilities,
  type CreateMessageResult,
  type ElicitResult,
  type ListRootsResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { ConnectionOwner } from './upstream.connection';
import type {
  UpstreamClientCapabilities,
  UpstreamPoolOptions,
  UpstreamServerRequest,
} from './upstream.types';

/** Forwards one server request; resolves with the client's result. */
export type ServerRequestSink = (
  method: UpstreamServerRequest['method'],
  params: Record<string, unknown> | undefined,
  signal: AbortSignal,
) => Promise<Record<string, unknown>>;

const NONE: UpstreamClientCapabilities = { sampling: false, elicitation: false, roots: false };
const ALL: UpstreamClientCapabilities = { sampling: true, elicitation: true, roots: true };

/**
 * What a new connection may declare: nothing without a handler for server requests; for a
 * session-scoped connection what that session's client declared; for a shared one all three.
 */
export function forwardableCapabilities(
  options: UpstreamPoolOptions,
  owner: ConnectionOwner,
): UpstreamClientCapabilities {
  if (!options.onServerRequest) return NONE;
  if (owner.sessionId === undefined) return ALL;
  return options.sessionCapabilities?.(owner.sessionId) ?? NONE;
}

/**
 * The SDK capabilities for those flags. Elicitation is declared form-only (`{}`): URL mode would
 * also need notifications/elicitation/complete relayed. Roots are declared without listChanged.
 */
export function toClientCapabilities(flags: UpstreamClientCapabilities): ClientCapabilities {
  const capabilities: ClientCapabilities = {};
  if (flags.sampling) capabilities.sampling = {};
  if (flags.elicitation) capabilities.elicitation = {};
  if (flags.roots) capabilities.roots = {};
  return capabilities;
}

/**
 * Registers a handler on the SDK client for each declared capability. The SDK validates the
 * request and the client's result against its schemas on the way (unknown fields are dropped).
 */
export function handleServerRequests(
  client: Client,
  flags: UpstreamClientCapabilities,
  sink: ServerRequestSink,
): void {
  if (flags.sampling) {
    client.setRequestHandler(CreateMessageRequestSchema, (request, extra) =>
      sink(request.method, request.params, extra.signal).then((result) => result as CreateMessageResult),
    );
  }
  if (flags.elicitation) {
    client.setRequestHandler(ElicitRequestSchema, (request, extra) =>
      sink(request.method, request.params, extra.signal).then((result) => result as ElicitResult),
    );
  }
  if (flags.roots) {
    client.setRequestHandler(ListRootsRequestSchema, (request, extra) =>
      sink(request.method, request.params, extra.signal).then((result) => result as ListRootsResult),
    );
  }
}
