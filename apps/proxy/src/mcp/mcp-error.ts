import { MCP_ERRORS, type McpErrorName } from '@bastion/contracts';

/** A JSON-RPC error the gateway answers with. */
export class McpError extends Error {
  override readonly name = 'McpError';

  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }

  /** An error from the gateway's own table (libs/contracts MCP_ERRORS). */
  static of(kind: McpErrorName, message: string = MCP_ERRORS[kind].meaning, data?: unknown): McpError {
    return new McpError(MCP_ERRORS[kind].code, message, data);
  }
}
