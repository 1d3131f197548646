import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'winston';
import type { HealthHandler } from './health/health.handler';
import { checkHostAndOrigin, HttpRefusal, type OriginPolicy } from './http/request-guards';
import { sendRefusal } from './http/responses';
import type { McpHttpHandler } from './mcp/mcp-http.handler';

/** Routes of the worker's single port. */
export interface ProxyRoutes {
  mcp: McpHttpHandler;
  health: HealthHandler;
  originPolicy: OriginPolicy;
  logger: Logger;
}

/** A bare node:http server: the MCP hot path pays for no framework. */
export function createProxyServer(routes: ProxyRoutes): Server {
  const server = createServer((request, response) => {
    void route(routes, request, response).catch((error: unknown) => {
      routes.logger.error('unhandled proxy error', { error });
      if (!response.headersSent) sendRefusal(response, 500, 'Internal error.');
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0; // SSE streams stay open; upstream calls carry their own budgets.
  return server;
}

async function route(routes: ProxyRoutes, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (path === '/mcp') {
    try {
      checkHostAndOrigin(request, routes.originPolicy);
    } catch (error) {
      const refusal = error as HttpRefusal;
      return sendRefusal(response, refusal.status, refusal.message);
    }
    return routes.mcp.handle(request, response);
  }
  if (request.method !== 'GET') return sendRefusal(response, 404, 'Not found.');
  if (path === '/healthz') return routes.health.liveness(response);
  if (path === '/readyz') return routes.health.readiness(response);
  if (path === '/metrics') return routes.health.metricsText(response);
  return sendRefusal(response, 404, 'Not found.');
}
