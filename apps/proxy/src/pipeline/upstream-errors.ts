import { UpstreamError } from '@bastion/upstream';
import { McpError } from '../mcp/mcp-error';

/** Turns an upstream failure into the JSON-RPC error the client gets; anything else is internal. */
export function toMcpError(error: unknown): McpError {
  if (error instanceof McpError) return error;
  if (error instanceof UpstreamError) return new McpError(error.code, error.message, error.data);
  return McpError.of('internalError');
}
