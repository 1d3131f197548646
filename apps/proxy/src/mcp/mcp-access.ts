import type { ConfigEntry, GatewayKeyEntry, ProjectEntry, ServerEntry } from '@bastion/contracts';
import { hashApiKey, isApiKeyFormat } from '@bastion/crypto';
import type { IncomingMessage } from 'node:http';
import { HttpRefusal, presentedKey } from '../http/request-guards';
import type { SessionRegistry } from './session-registry';
import type { SessionRecord, SessionTokens } from './session-token';

/** What an authenticated request may reach. */
export interface Access {
  key: GatewayKeyEntry;
  project: ProjectEntry;
  config: ConfigEntry | null;
  servers: readonly ServerEntry[];
}

/** The part of the serving state this module needs. */
export interface KeyResolver {
  resolveKey(keyHash: string, now: Date): ({ ok: true } & Access) | { ok: false; reason: string };
}

const CHALLENGE = { 'www-authenticate': 'Bearer realm="bastion", error="invalid_token"' };

/** Checks the gateway key on every request, so a revoked key stops working mid-session. */
export function authenticate(request: IncomingMessage, state: KeyResolver | null): Access {
  if (!state)
    throw new HttpRefusal(503, 'The gateway is starting: no configuration loaded yet.', {
      'retry-after': '1',
    });
  const key = presentedKey(request);
  if (!key) {
    throw new HttpRefusal(401, 'A gateway key is required (Authorization: Bearer bgw_… or X-Api-Key).', {
      'www-authenticate': 'Bearer realm="bastion"',
    });
  }
  const resolved = isApiKeyFormat(key) ? state.resolveKey(hashApiKey(key), new Date()) : null;
  // One generic message for unknown, disabled, expired and revoked keys: nothing to probe.
  if (!resolved?.ok) throw new HttpRefusal(401, 'The gateway key is not valid.', CHALLENGE);
  return resolved;
}

/** Opens the request's session id; 404 for unknown, terminated or another key's sessions. */
export async function resolveSession(
  request: IncomingMessage,
  access: Access,
  tokens: SessionTokens,
  registry: SessionRegistry,
): Promise<{ id: string; record: SessionRecord }> {
  const id = request.headers['mcp-session-id'];
  if (typeof id !== 'string' || id.length === 0) {
    throw new HttpRefusal(400, 'Bad Request: Mcp-Session-Id header is required (send initialize first).');
  }
  const record = tokens.open(id);
  if (!record || record.keyId !== access.key.id || record.projectId !== access.project.id) {
    throw new HttpRefusal(404, 'Session not found.');
  }
  if (await registry.isTerminated(record.sid)) throw new HttpRefusal(404, 'Session not found (terminated).');
  return { id, record };
}
