import { scrubText } from '@bastion/observability';
import { McpError } from './mcp-error';

export type JsonRpcId = string | number;

/** A request or notification as received from a client (validated shape, untyped params). */
export interface JsonRpcMessage {
  jsonrpc: '2.0';
  id?: JsonRpcId;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: unknown;
}

/** Parses one JSON-RPC message; throws McpError -32700 / -32600 with a clear message. */
export function parseMessage(body: string): JsonRpcMessage {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw McpError.of('parseError');
  }
  if (Array.isArray(value)) throw McpError.of('invalidRequest', 'JSON-RPC batches are not supported.');
  if (typeof value !== 'object' || value === null)
    throw McpError.of('invalidRequest', 'Expected a JSON object.');
  const message = value as Record<string, unknown>;
  if (message['jsonrpc'] !== '2.0') throw McpError.of('invalidRequest', 'jsonrpc must be "2.0".');
  const { id, method, params } = message;
  if (id !== undefined && typeof id !== 'string' && (typeof id !== 'number' || !Number.isFinite(id))) {
    throw McpError.of('invalidRequest', 'id must be a string or a number.');
  }
  const isResponse = 'result' in message || 'error' in message;
  if (!isResponse && (typeof method !== 'string' || method.length === 0 || method.length > 200)) {
    throw McpError.of('invalidRequest', 'method must be a non-empty string.');
  }
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
    throw McpError.of('invalidRequest', 'params must be an object.');
  }
  return message as unknown as JsonRpcMessage;
}

/** The `id` of a body that failed to parse, when it can still be read (for the error reply). */
export function bestEffortId(body: string): JsonRpcId | null {
  const match = /"id"\s*:\s*("(?:[^"\\]|\\.){0,200}"|-?\d{1,20})/.exec(body.slice(0, 1000));
  if (!match?.[1]) return null;
  try {
    return JSON.parse(match[1]) as JsonRpcId;
  } catch {
    return null;
  }
}

export function resultMessage(id: JsonRpcId, result: unknown): string {
  return JSON.stringify({ jsonrpc: '2.0', id, result });
}

/** Error messages can quote client or upstream input (a tool name, an upstream error): scrub secret shapes. */
export function errorMessage(id: JsonRpcId | null, error: McpError): string {
  const body: { code: number; message: string; data?: unknown } = {
    code: error.code,
    message: scrubText(error.message, 2_000),
  };
  if (error.data !== undefined) body.data = error.data;
  return JSON.stringify({ jsonrpc: '2.0', id, error: body });
}

export function notificationMessage(method: string, params: unknown): string {
  return JSON.stringify({ jsonrpc: '2.0', method, params });
}
