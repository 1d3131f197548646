import type { HttpReply, RawHttpClient } from './raw-http.client';

/** Where an arm serves MCP and what every request must carry (e.g. the gateway key). */
export interface McpEndpoint {
  path: string;
  headers: Record<string, string>;
  /** The echo tool's name as this endpoint lists it (`echo`, or `echo__echo` behind the gateway). */
  toolName: string;
}

/** The parts of a JSON-RPC reply the benchmark reads. */
export interface RpcReply {
  id?: unknown;
  result?: { protocolVersion?: unknown; content?: { text?: unknown }[] };
  error?: unknown;
}

const ACCEPT = 'application/json, text/event-stream';
const PROTOCOL_VERSION = '2025-06-18';

/** The JSON-RPC message with `id` from a reply that is either plain JSON or an SSE stream. */
export function rpcReply(reply: HttpReply, id: number): RpcReply {
  const type = String(reply.headers['content-type'] ?? '');
  if (!type.startsWith('text/event-stream')) return JSON.parse(reply.body) as RpcReply;
  for (const line of reply.body.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const message = JSON.parse(line.slice(5)) as RpcReply;
    if (message.id === id) return message;
  }
  throw new Error(`no reply with id ${id} in the event stream: ${reply.body.slice(0, 200)}`);
}

/**
 * One MCP session driven with hand-built JSON-RPC bodies: initialize + notifications/initialized,
 * then echo calls. Any non-200 reply or a wrong echo throws.
 */
export class RawMcpSession {
  private nextId = 1;

  private constructor(
    private readonly http: RawHttpClient,
    private readonly endpoint: McpEndpoint,
    private readonly headers: Record<string, string>,
  ) {}

  /** Opens a session (and leaves it open: the benchmark never sends DELETE). */
  static async open(http: RawHttpClient, endpoint: McpEndpoint): Promise<RawMcpSession> {
    const init = JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: {
        protocolVersion: PROTOCOL_VERSION,
        capabilities: {},
        clientInfo: { name: 'bastion-bench', version: '1.0.0' },
      },
    });
    const reply = await http.post(endpoint.path, init, { accept: ACCEPT, ...endpoint.headers });
    const sessionId = reply.headers['mcp-session-id'];
    if (reply.status !== 200 || typeof sessionId !== 'string') {
      throw new Error(`initialize failed: HTTP ${reply.status} ${reply.body.slice(0, 200)}`);
    }
    const negotiated = rpcReply(reply, 0).result?.protocolVersion;
    const version = typeof negotiated === 'string' ? negotiated : PROTOCOL_VERSION;
    const headers = {
      accept: ACCEPT,
      'mcp-session-id': sessionId,
      'mcp-protocol-version': version,
      ...endpoint.headers,
    };
    const initialized = await http.post(
      endpoint.path,
      '{"jsonrpc":"2.0","method":"notifications/initialized"}',
      headers,
    );
    if (initialized.status !== 202 && initialized.status !== 200) {
      throw new Error(
        `notifications/initialized failed: HTTP ${initialized.status} ${initialized.body.slice(0, 200)}`,
      );
    }
    return new RawMcpSession(http, endpoint, headers);
  }

  /** Calls the echo tool with `message` and checks the echo. */
  async echo(message: string): Promise<void> {
    const id = this.nextId++;
    const body = `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"${this.endpoint.toolName}","arguments":{"message":"${message}"}}}`;
    const reply = await this.http.post(this.endpoint.path, body, this.headers);
    if (reply.status !== 200) throw new Error(`tools/call: HTTP ${reply.status} ${reply.body.slice(0, 200)}`);
    const text = rpcReply(reply, id).result?.content?.[0]?.text;
    if (text !== message) throw new Error(`tools/call: unexpected reply ${reply.body.slice(0, 200)}`);
  }
}
