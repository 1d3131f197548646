// `npm run stdio-bridge -- --url http://127.0.0.1:8000/mcp` with BASTION_KEY=bgw_… in the environment:
// a desktop client launches this as its MCP server; it relays stdio to the gateway's /mcp. Nothing but
// protocol is ever written to stdout; diagnostics go to stderr, logs to LOG_FILE or stderr (LOG_LEVEL=debug
// also logs every relayed message, redacted).
import { envSchema } from '@bastion/config';
import { createAppLogger, type AppLogger } from '@bastion/observability';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { parseArgs } from 'node:util';

const DRAIN_TIMEOUT_MS = 10_000;

function say(message: string): void {
  process.stderr.write(`bastion stdio bridge: ${message}\n`);
}

function fail(message: string): never {
  say(message);
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

/** JSON logs to LOG_FILE or stderr, never stdout (createAppLogger enforces it for the `stdio` service). */
function bridgeLogger(): AppLogger {
  const env = envSchema.pick({ LOG_LEVEL: true, LOG_FILE: true }).safeParse(process.env);
  if (!env.success) fail('LOG_LEVEL must be debug, info, warn or error.');
  try {
    return createAppLogger({ service: 'stdio', level: env.data.LOG_LEVEL, file: env.data.LOG_FILE });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

async function main(): Promise<void> {
  const { url, key } = options();
  const logger = bridgeLogger();
  const local = new StdioServerTransport();
  const remote = new StreamableHTTPClientTransport(url, {
    requestInit: { headers: { Authorization: `Bearer ${key}` } },
  });
  const pending = new Set<string | number>();
  let exitCode = 0;

  local.onmessage = (message: JSONRPCMessage) => {
    logger.capture('debug', 'client → gateway', message);
    const id = 'id' in message && 'method' in message ? message.id : undefined;
    if (id !== undefined) pending.add(id);
    remote.send(message).catch((error: unknown) => {
      const text = error instanceof Error ? error.message : String(error);
      logger.warn('the gateway refused or failed a message', { error: text });
      exitCode = 1;
      // A request must never go unanswered: the client would wait forever.
      if (id === undefined) return;
      pending.delete(id);
      void local.send({ jsonrpc: '2.0', id, error: { code: -32000, message: `Gateway error: ${text}` } });
    });
  };
  remote.onmessage = (message: JSONRPCMessage) => {
    logger.capture('debug', 'gateway → client', message);
    if ('id' in message && !('method' in message) && message.id !== undefined) pending.delete(message.id);
    const result = (message as { result?: { protocolVersion?: unknown } }).result;
    if (typeof result?.protocolVersion === 'string') remote.setProtocolVersion(result.protocolVersion);
    void local.send(message);
  };
  let closing = false;
  // Aborted streams while shutting down are expected; anything else goes to the log (never stdout).
  remote.onerror = (error) => closing || logger.warn('gateway stream error', { error: error.message });
  await remote.start();
  await local.start();
  // The SDK's stdio transport does not notice the client closing stdin: answer what is in flight, then end.
  process.stdin.once(
    'end',
    () =>
      void drain(pending)
        .then(() => (closing = true))
        .then(() => remote.close())
        .finally(() => process.exit(exitCode)),
  );
}

async function drain(pending: Set<string | number>): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (pending.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
