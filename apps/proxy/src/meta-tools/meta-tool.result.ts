/**
 * A meta-tool's answer as an MCP tool result: the data as JSON text (for clients that only read
 * content) and as structuredContent (for clients that read structure).
 */
export function toolResult(data: Record<string, unknown>): Record<string, unknown> {
  return { content: [{ type: 'text', text: JSON.stringify(data) }], structuredContent: data };
}
