import { LOG_FIELDS } from '@bastion/observability';
import type { UpstreamConnection } from './upstream.connection';

/** Structured log fields naming a connection: server, project, session, transport and pid. */
export function connectionLogFields(connection: UpstreamConnection): Record<string, unknown> {
  const { server, owner, pid } = connection;
  return {
    [LOG_FIELDS.server]: server.name,
    server_id: server.id,
    [LOG_FIELDS.projectId]: owner.projectId,
    ...(owner.sessionId === undefined ? {} : { [LOG_FIELDS.sessionId]: owner.sessionId }),
    transport: server.transport,
    ...(pid === null ? {} : { pid }),
  };
}
