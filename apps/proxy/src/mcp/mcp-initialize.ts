import type { Access } from './mcp-access';
import { GATEWAY_CAPABILITIES, negotiateVersion } from './protocol';
import type { SessionTokens } from './session-token';

const SERVER_INFO = { name: 'bastion', title: 'Bastion MCP gateway', version: '0.1.0' };

/** Starts a session for an initialize request: a sealed session id and the initialize result. */
export function startSession(tokens: SessionTokens, access: Access, params: Record<string, unknown>) {
  const capabilities = (params['capabilities'] ?? {}) as Record<string, unknown>;
  const clientInfo = (params['clientInfo'] ?? {}) as Record<string, unknown>;
  const protocolVersion = negotiateVersion(params['protocolVersion']);
  const { id, record } = tokens.issue({
    keyId: access.key.id,
    projectId: access.project.id,
    protocolVersion,
    capabilities: {
      sampling: capabilities['sampling'] !== undefined,
      elicitation: capabilities['elicitation'] !== undefined,
      roots: capabilities['roots'] !== undefined,
    },
    clientName: typeof clientInfo['name'] === 'string' ? clientInfo['name'].slice(0, 100) : 'unknown',
  });
  return {
    sessionId: id,
    record,
    result: {
      protocolVersion,
      capabilities: GATEWAY_CAPABILITIES,
      serverInfo: SERVER_INFO,
      instructions: `Tools of project "${access.project.name}" through Bastion, named <server>__<tool>.`,
    },
  };
}
