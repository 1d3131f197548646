/**
 * Span names and span attribute names, declared once (like LOG_FIELDS and METRIC_NAMES). Where
 * OpenTelemetry's semantic conventions name a thing (MCP, JSON-RPC, errors), their name is used, so
 * backends that understand MCP spans read ours; Bastion's own facts live under `bastion.*`.
 * Attribute values are identifiers only: never arguments, results, headers or keys.
 */
export const SPAN_NAMES = {
  authenticate: 'authenticate',
  inputGuardrails: 'guardrails input',
  outputGuardrails: 'guardrails output',
} as const;

/** `mcp <method>`: the span of one MCP request the gateway serves. */
export function mcpSpanName(method: string): string {
  return `mcp ${method}`;
}

/** `upstream <server> <method>`: the span of one request the gateway sends to an upstream server. */
export function upstreamSpanName(server: string, method: string): string {
  return `upstream ${server} ${method}`;
}

/** Names of span attributes (semantic-conventions names where one exists). */
export const SPAN_ATTRIBUTES = {
  /** semconv `mcp.method.name`: `tools/call`, `tools/list`… */
  mcpMethod: 'mcp.method.name',
  /** semconv `mcp.session.id`, holding the session's internal id (sid), never the Mcp-Session-Id header. */
  mcpSession: 'mcp.session.id',
  /** semconv `gen_ai.tool.name`: the tool a tools/call names (as the client sees it). */
  tool: 'gen_ai.tool.name',
  /** semconv `rpc.response.status_code`: the JSON-RPC error code, set when the answer is an error. */
  rpcStatusCode: 'rpc.response.status_code',
  /** semconv `error.type`: the error's code or class, never its message. */
  errorType: 'error.type',
  /** semconv `http.response.status_code`, for requests refused before MCP handling. */
  httpStatusCode: 'http.response.status_code',
  projectId: 'bastion.project_id',
  /** The gateway key's id, never the key. */
  keyId: 'bastion.key_id',
  /** An upstream server's configured name (never its URL or command line). */
  upstreamServer: 'bastion.upstream.server',
  upstreamTransport: 'bastion.upstream.transport',
  /** `ok`, or why the upstream request failed (timeout, unavailable, cancelled…). */
  upstreamOutcome: 'bastion.upstream.outcome',
} as const;

/** Resource attribute for the process's unique id (semconv `service.instance.id`, still incubating). */
export const ATTR_SERVICE_INSTANCE_ID = 'service.instance.id';
