// `npm run stdio-bridge -- --url http://127.0.0.1:8000/mcp` with BASTION_KEY=bgw_… in the environment:
// a desktop client launches this as its MCP server; it relays stdio to the gateway's /mcp. Nothing but
// protocol is ever written to stdout; diagnostics go to stderr.
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { parseArgs } from 'node:util';

function fail(message: string): never {
  process.stderr.write(`bastion stdio bridge: ${message}\n`);
  process.exit(1);
}

function options(): { url: URL; key: string } {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, key: { type: 'string' } },
    strict: true,
  });
  const url = values.url ?? process.env['BASTION_URL'];
  const key = values.key ?? process.env['BASTION_KEY'];
  if (!url) fail('pass --url http://host:8000/mcp (or set BASTION_URL).');
  if (!key) fail('set BASTION_KEY to a gateway key (or pass --key; the environment keeps it out of ps).');
  try {
    return { url: new URL(url), key };
  } catch {
    fail(`not a URL: ${url}`);
  }
}

async function main(): Promise<void> {
  const { url, key } = options();
  const local = new StdioServerTransport();
  const remote = new StreamableHTTPClientTransport(url, {
    requestInit: { headers: { Authorization: `Bearer ${key}` } },
  });
  local.onmessage = (message: JSONRPCMessage) => {
    remote
      .send(message)
      .catch((error: unknown) => process.stderr.write(`bastion stdio bridge: ${String(error)}\n`));
  };
  remote.onmessage = (message: JSONRPCMessage) => {
    const result = (message as { result?: { protocolVersion?: unknown } }).result;
    if (typeof result?.protocolVersion === 'string') remote.setProtocolVersion(result.protocolVersion);
    void local.send(message);
  };
  remote.onerror = (error) => process.stderr.write(`bastion stdio bridge: ${error.message}\n`);
  local.onclose = () => void remote.close().finally(() => process.exit(0));
  remote.onclose = () => void local.close();
  await remote.start();
  await local.start();
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
