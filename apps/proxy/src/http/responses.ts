import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorMessage, type JsonRpcId } from '../mcp/json-rpc';
import { McpError } from '../mcp/mcp-error';

/** Writes a JSON body (already serialized). */
export function sendJson(
  response: ServerResponse,
  status: number,
  json: string,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(json);
}

/** An HTTP-level refusal in JSON-RPC form, as MCP clients expect on /mcp. */
export function sendRefusal(
  response: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  sendJson(response, status, errorMessage(null, new McpError(-32000, message)), headers);
}

export function sendRpcError(
  response: ServerResponse,
  status: number,
  id: JsonRpcId | null,
  error: McpError,
) {
  sendJson(response, status, errorMessage(id, error));
}

/** Whether the client's Accept header lists this media type (or a wildcard). */
export function accepts(request: IncomingMessage, mediaType: string): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes(mediaType) || accept.includes('*/*');
}
