import type { UpstreamClientCapabilities } from '@bastion/upstream';
import type { SessionRecord } from './session-token';

const MAX_SESSIONS = 50_000;

/**
 * The client capabilities (sampling, elicitation, roots) of the sessions this worker served
 * lately, for the upstream pool: a session-scoped connection declares what its session's client
 * declared. Sessions live in their sealed ids, not here; every request of a session notes it
 * before it can open a connection, so the bounded memory never misses a session in use.
 */
export class SessionCapabilities {
  private readonly bySession = new Map<string, UpstreamClientCapabilities>();

  note(record: SessionRecord): void {
    if (this.bySession.has(record.sid)) return;
    if (this.bySession.size >= MAX_SESSIONS) {
      const oldest = this.bySession.keys().next().value;
      if (oldest !== undefined) this.bySession.delete(oldest);
    }
    this.bySession.set(record.sid, { ...record.capabilities });
  }

  get(sid: string): UpstreamClientCapabilities | undefined {
    return this.bySession.get(sid);
  }
}
