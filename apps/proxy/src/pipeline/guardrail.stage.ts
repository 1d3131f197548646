import type { ServerEntry } from '@bastion/contracts';

/** What a guardrail stage knows about the call it inspects. */
export interface GuardedCall {
  projectId: string;
  keyId: string;
  sessionId: string;
  server: ServerEntry;
  /** The upstream's own tool name. */
  tool: string;
  /** The tool's declared input schema, when listed. */
  inputSchema?: Record<string, unknown>;
}

/**
 * The pipeline's guardrail hook points. Input runs before the upstream call and may rewrite the
 * arguments; output runs on the result and may rewrite it; either blocks by throwing an McpError.
 */
export interface GuardrailStage {
  input(call: GuardedCall, args: Record<string, unknown>): Promise<Record<string, unknown>>;
  output(call: GuardedCall, result: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/** No policy engine yet: every call passes unchanged (the guardrails issue fills this stage). */
export const passThroughGuardrails: GuardrailStage = {
  input: (_call, args) => Promise.resolve(args),
  output: (_call, result) => Promise.resolve(result),
};
