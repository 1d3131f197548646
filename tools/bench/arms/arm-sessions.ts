import { RawHttpClient } from '../raw-http.client';
import { RawMcpSession } from '../raw-mcp.session';
import type { BenchArm } from './bench-arm';

/** An arm with its load-generator client and a set of open sessions (one per concurrent lane). */
export interface ArmSessions {
  arm: BenchArm;
  http: RawHttpClient;
  sessions: RawMcpSession[];
}

/** Opens `count` sessions on an arm over one keep-alive client with `count` sockets. */
export async function openArmSessions(arm: BenchArm, count: number): Promise<ArmSessions> {
  const http = new RawHttpClient(arm.origin, count);
  const sessions: RawMcpSession[] = [];
  for (let index = 0; index < count; index++) sessions.push(await RawMcpSession.open(http, arm.endpoint));
  return { arm, http, sessions };
}
