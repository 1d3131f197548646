/**
 * The "direct" arm of the benchmark: the echo tool served over Streamable HTTP by the MCP SDK, the
 * way the SDK's stateful example does it (an McpServer and a transport per session, JSON responses),
 * on bare node:http. Run as a child: `node -r @swc-node/register tools/bench/echo-http.server.ts`
 * with BENCH_PORT; binds 127.0.0.1 only.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';

const transports = new Map<string, StreamableHTTPServerTransport>();

function echoServer(): McpServer {
  const server = new McpServer({ name: 'bench-direct-echo', version: '1.0.0' });
  server.registerTool(
    'echo',
    { description: 'Echoes the message back.', inputSchema: { message: z.string() } },
    ({ message }) => ({ content: [{ type: 'text' as const, text: message }] }),
  );
  return server;
}

async function newSession(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    enableJsonResponse: true,
    onsessioninitialized: (id) => void transports.set(id, transport),
  });
  transport.onclose = () => {
    if (transport.sessionId) transports.delete(transport.sessionId);
  };
  await echoServer().connect(transport);
  await transport.handleRequest(request, response);
}

async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.url !== '/mcp') return void response.writeHead(404).end();
  const id = request.headers['mcp-session-id'];
  const transport = typeof id === 'string' ? transports.get(id) : undefined;
  if (transport) return transport.handleRequest(request, response);
  if (id === undefined && request.method === 'POST') return newSession(request, response);
  response.writeHead(404).end();
}

const server = createServer((request, response) => {
  route(request, response).catch((error: unknown) => {
    process.stderr.write(`direct echo server error: ${String(error)}\n`);
    if (!response.headersSent) response.writeHead(500).end();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env['BENCH_PORT'] ?? 0), '127.0.0.1');
process.once('SIGTERM', () => process.exit(0));
