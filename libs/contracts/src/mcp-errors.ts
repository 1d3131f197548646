/**
 * JSON-RPC error codes the gateway itself produces. Upstream errors pass through with their own
 * codes. README → "MCP error codes" documents this table; a test keeps the two in step.
 */
export const MCP_ERRORS = {
  parseError: { code: -32700, meaning: 'The request body is not valid JSON.' },
  invalidRequest: {
    code: -32600,
    meaning: 'Not a valid JSON-RPC 2.0 request (or a batch, which is not supported).',
  },
  methodNotFound: { code: -32601, meaning: 'The method is not supported by the gateway.' },
  invalidParams: {
    code: -32602,
    meaning: 'Bad parameters, or an unknown or disallowed tool, prompt or resource.',
  },
  internalError: { code: -32603, meaning: 'The gateway failed unexpectedly; the audit log has the details.' },
  upstreamUnavailable: {
    code: -32010,
    meaning: 'The upstream server could not be reached, crashed or is restarting.',
  },
  upstreamTimeout: { code: -32011, meaning: 'The upstream server did not answer within its time budget.' },
  upstreamResponseTooLarge: { code: -32012, meaning: 'The upstream response exceeded the size limit.' },
  upstreamProtocolError: {
    code: -32013,
    meaning: 'The upstream server answered with something that is not MCP.',
  },
  guardrailBlocked: {
    code: -32020,
    meaning: 'A guardrail policy blocked the call; the message names the policy and rule.',
  },
  toolHeldBack: {
    code: -32021,
    meaning:
      'The tool is held back until an admin approves it: it changed since it was approved, is new under require-approval, or has a poisoned description or a look-alike name.',
  },
  requestCancelled: { code: -32800, meaning: 'The request was cancelled by the client.' },
} as const;

export type McpErrorName = keyof typeof MCP_ERRORS;
