const WINDOW_MS = 5 * 60 * 1000;
const MAX_TRACKED = 100_000;

/** Sessions that made a request on this worker within the last five minutes. */
export class ActiveSessions {
  private readonly lastSeen = new Map<string, number>();

  touch(sid: string, now = Date.now()): void {
    this.lastSeen.delete(sid); // re-insert: the map stays ordered oldest first
    this.lastSeen.set(sid, now);
    if (this.lastSeen.size > MAX_TRACKED) this.prune(now, true);
  }

  count(now = Date.now()): number {
    this.prune(now, false);
    return this.lastSeen.size;
  }

  private prune(now: number, force: boolean): void {
    for (const [sid, seen] of this.lastSeen) {
      if (seen > now - WINDOW_MS && !(force && this.lastSeen.size > MAX_TRACKED)) break;
      this.lastSeen.delete(sid);
    }
  }
}
