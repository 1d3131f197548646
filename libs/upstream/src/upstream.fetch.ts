import { AsyncLocalStorage } from 'node:async_hooks';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { ClientCredentialsTokenSource } from './oauth-token.source';

/**
 * The traceparent of the request being sent. HTTP transports build their fetch calls after a few
 * awaits, so a plain field would race between concurrent requests; async context does not.
 */
const traceparentContext = new AsyncLocalStorage<string>();

/** Runs `send` so that HTTP requests it makes upstream carry `traceparent`. */
export function withTraceparent<T>(traceparent: string, send: () => T): T {
  return traceparentContext.run(traceparent, send);
}

/**
 * The fetch the HTTP transports use: adds `traceparent` (when the request runs under
 * {@link withTraceparent}) and `Authorization: Bearer <token>` (when the server uses OAuth client
 * credentials) to what the transport sends. The configured headers come with the transport's
 * requestInit; nothing from the MCP client is ever added.
 */
export function createUpstreamFetch(tokens?: ClientCredentialsTokenSource): FetchLike {
  return async (url, init) => {
    const traceparent = traceparentContext.getStore();
    if (!tokens && traceparent === undefined) return fetch(url, init);
    const headers = new Headers(init?.headers);
    if (traceparent !== undefined) headers.set('traceparent', traceparent);
    if (tokens) headers.set('authorization', `Bearer ${await tokens.getToken()}`);
    const response = await fetch(url, { ...init, headers });
    if (response.status === 401 && tokens) tokens.invalidate();
    return response;
  };
}
