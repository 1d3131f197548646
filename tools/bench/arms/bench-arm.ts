import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BenchChild } from '../child-processes';
import { RawHttpClient } from '../raw-http.client';
import { RawMcpSession, type McpEndpoint } from '../raw-mcp.session';

/** The three ways the benchmark reaches the same echo tool. */
export type ArmName = 'direct' | 'gateway' | 'mcp-proxy';

/** One running arm: where it serves MCP and the server process whose CPU and memory are measured. */
export interface BenchArm {
  name: ArmName;
  /** What the arm is, for the report. */
  label: string;
  origin: URL;
  endpoint: McpEndpoint;
  /** The process in front of the client (SDK server, gateway worker or mcp-proxy). */
  server: BenchChild;
}

/** The repository root (this file is tools/bench/arms/). */
export const REPO_ROOT = resolve(__dirname, '../../..');

/** `-r <@swc-node/register>` so a child runs TypeScript sources like `npm run proxy` does. */
export function swcRegisterArgs(): string[] {
  return ['-r', require.resolve('@swc-node/register')];
}

/** The mcp-proxy CLI script (node_modules/.bin/mcp-proxy, resolved so it runs on this Node binary). */
export function mcpProxyScript(): string {
  return realpathSync(resolve(REPO_ROOT, 'node_modules/.bin/mcp-proxy'));
}

/** Whether an MCP session can be opened at this endpoint right now. */
export async function canInitialize(origin: URL, endpoint: McpEndpoint): Promise<boolean> {
  const http = new RawHttpClient(origin, 1);
  try {
    await RawMcpSession.open(http, endpoint);
    return true;
  } finally {
    http.close();
  }
}
