import type { ServerEntry } from '@bastion/contracts';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike, Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { forwardStderrLines } from './stderr-line.logger';
import { UpstreamError, serverLabel } from './upstream.error';

/** What building a transport needs besides the server entry. */
export interface TransportContext {
  openSecret: (sealed: string) => string;
  /** Variables every stdio child gets before its own env (the SDK adds HOME, PATH, USER, …). */
  baseEnv: Record<string, string>;
  /** Largest single stdio message buffered before the connection is reset. */
  maxMessageBytes: number;
  /** The fetch for HTTP transports (adds traceparent and OAuth). */
  fetch: FetchLike;
  /** Receives each stderr line of a stdio child. */
  onStderrLine: (line: string) => void;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type SecretKind = 'env var' | 'header';

function openOne(
  server: ServerEntry,
  kind: SecretKind,
  name: string,
  sealed: string,
  ctx: TransportContext,
): string {
  const shape = kind === 'header' ? HEADER_NAME : ENV_NAME;
  if (!shape.test(name))
    throw new UpstreamError('unavailable', `${serverLabel(server)}: invalid ${kind} name "${name}".`);
  let value: string;
  try {
    value = ctx.openSecret(sealed);
  } catch {
    const hint = 'it was sealed under another BASTION_MASTER_KEY or is damaged';
    throw new UpstreamError(
      'unavailable',
      `${serverLabel(server)}: the ${kind} ${name} could not be decrypted (${hint}).`,
    );
  }
  if (kind === 'header' && !HEADER_VALUE.test(value)) {
    throw new UpstreamError(
      'unavailable',
      `${serverLabel(server)}: the value of header ${name} is not a valid header value.`,
    );
  }
  if (kind === 'env var' && value.includes('\0')) {
    throw new UpstreamError(
      'unavailable',
      `${serverLabel(server)}: the value of env var ${name} contains a NUL byte.`,
    );
  }
  return value;
}

/** Opens every sealed value of an env or header map; errors name the entry, never its value. */
function openAll(
  server: ServerEntry,
  kind: SecretKind,
  sealed: Record<string, string>,
  ctx: TransportContext,
) {
  const opened: Record<string, string> = {};
  for (const [name, value] of Object.entries(sealed)) opened[name] = openOne(server, kind, name, value, ctx);
  return opened;
}

function stdioTransport(server: ServerEntry, ctx: TransportContext): StdioClientTransport {
  if (!server.command)
    throw new UpstreamError('unavailable', `${serverLabel(server)} has no command configured.`);
  const transport = new StdioClientTransport({
    command: server.command,
    args: server.args,
    env: { ...ctx.baseEnv, ...openAll(server, 'env var', server.env, ctx) },
    stderr: 'pipe',
    maxBufferSize: ctx.maxMessageBytes,
  });
  const stderr = transport.stderr;
  if (stderr) forwardStderrLines(stderr, ctx.onStderrLine);
  return transport;
}

function upstreamUrl(server: ServerEntry): URL {
  try {
    const url = new URL(server.url ?? '');
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {
    // reported below
  }
  throw new UpstreamError('unavailable', `${serverLabel(server)} has no valid http(s) URL configured.`);
}

/**
 * Builds the transport for one connection to `server`, opening its sealed env vars or headers.
 * Throws an `unavailable` UpstreamError for a configuration that cannot work.
 */
export function createUpstreamTransport(server: ServerEntry, ctx: TransportContext): Transport {
  switch (server.transport) {
    case 'stdio':
      return stdioTransport(server, ctx);
    case 'streamable-http': {
      const requestInit = { headers: openAll(server, 'header', server.headers, ctx) };
      return new StreamableHTTPClientTransport(upstreamUrl(server), { requestInit, fetch: ctx.fetch });
    }
    case 'sse': {
      const requestInit = { headers: openAll(server, 'header', server.headers, ctx) };
      return new SSEClientTransport(upstreamUrl(server), { requestInit, fetch: ctx.fetch });
    }
  }
}
