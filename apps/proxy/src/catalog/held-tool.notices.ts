import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import type { HeldTool } from './tool-pins.gate';

/** The session a listing served. */
export interface NoticeScope {
  projectId: string;
  sessionId: string;
}

/** Collaborators of the notices. */
export interface HeldToolNoticesDeps {
  /** The worker's command connection: the "told" markers live there, shared by every worker. */
  redis: Pick<Redis, 'set'>;
  prefix: string;
  /** Tells the session (and records it); at most once per session, tool and definition; must not throw. */
  notify: (scope: NoticeScope, held: HeldTool) => void;
}

// A session's requests may land on any worker; a marker outlives a session's working day.
const MARKER_TTL_S = 24 * 60 * 60;
// Markers this worker set (skips the Redis round trip on every later listing); past this it starts over.
const MAX_REMEMBERED = 50_000;

/**
 * Tells a session about a held-back tool the first time a listing leaves it out: once per (session,
 * tool, definition hash), across workers, through a Redis `SET NX` marker. A newer definition of the
 * same tool is news again. When Redis cannot be asked, nothing is sent and the next listing retries.
 */
export class HeldToolNotices {
  private readonly told = new Set<string>();

  constructor(private readonly deps: HeldToolNoticesDeps) {}

  /** Notifies what is news to the session (fire and forget). */
  announce(scope: NoticeScope, held: readonly HeldTool[]): void {
    for (const tool of held) void this.once(scope, tool).catch(() => undefined);
  }

  private async once(scope: NoticeScope, tool: HeldTool): Promise<void> {
    const id = markerId(scope.sessionId, tool);
    if (this.told.has(id)) return;
    if (this.told.size >= MAX_REMEMBERED) this.told.clear();
    this.told.add(id);
    const marker = `${this.deps.prefix}pins:held-told:${id}`;
    const first = await this.deps.redis.set(marker, '1', 'EX', MARKER_TTL_S, 'NX').then(
      (reply) => reply === 'OK',
      () => undefined,
    );
    if (first === undefined) this.told.delete(id);
    else if (first) this.deps.notify(scope, tool);
  }
}

/** A fixed-length id of (session, server, tool, hash): session ids and tool names vary in length. */
function markerId(sessionId: string, tool: HeldTool): string {
  return createHash('sha256')
    .update(`${sessionId}\0${tool.server.id}\0${tool.toolName}\0${tool.hash}`)
    .digest('base64url');
}
