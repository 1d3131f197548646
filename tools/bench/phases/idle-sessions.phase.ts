import type { BenchArm } from '../arms/bench-arm';
import { childrenOf, rssKb, treeRssKb } from '../proc-stats';
import { RawHttpClient } from '../raw-http.client';
import { RawMcpSession } from '../raw-mcp.session';

/** Memory an arm's server holds for idle sessions (opened, initialized, never deleted). */
export interface IdleSessionsResult {
  sessions: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  /** (after − before) scaled to 1,000 sessions, MB. */
  mbPer1000: number;
  /** The same over the server's whole process tree (children included). */
  treeMbPer1000: number;
  processesBefore: number;
  processesAfter: number;
}

const SETTLE_MS = 1_500;
const OPEN_CONCURRENCY = 8;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

async function openSessions(arm: BenchArm, count: number): Promise<void> {
  const http = new RawHttpClient(arm.origin, OPEN_CONCURRENCY);
  let opened = 0;
  const lane = async () => {
    while (opened < count) {
      opened++;
      await RawMcpSession.open(http, arm.endpoint);
    }
  };
  try {
    await Promise.all(Array.from({ length: OPEN_CONCURRENCY }, lane));
  } finally {
    http.close();
  }
}

/** Opens `count` sessions with initialize + notifications/initialized and reads VmRSS before and after. */
export async function runIdleSessions(arm: BenchArm, count: number): Promise<IdleSessionsResult> {
  const pid = arm.server.pid;
  await settle();
  const [rss0, tree0, processes0] = [rssKb(pid), treeRssKb(pid), childrenOf(pid).length];
  await openSessions(arm, count);
  await settle();
  const [rss1, tree1, processes1] = [rssKb(pid), treeRssKb(pid), childrenOf(pid).length];
  const per1000 = (kb: number) => (kb / 1024) * (1000 / count);
  return {
    sessions: count,
    rssBeforeMb: rss0 / 1024,
    rssAfterMb: rss1 / 1024,
    mbPer1000: per1000(rss1 - rss0),
    treeMbPer1000: per1000(tree1 - tree0),
    processesBefore: processes0,
    processesAfter: processes1,
  };
}
