/** One JSON-RPC message as a test reads it. */
export type RpcMessage = {
  jsonrpc: '2.0';
  id?: string | number | null;
  method?: string;
  params?: any;
  result?: any;
  error?: any;
};

/** What one raw /mcp request got back. */
export interface RawReply {
  status: number;
  headers: Headers;
  /** Every JSON-RPC message of the body (one for JSON, any number for an SSE stream). */
  messages: RpcMessage[];
  /** The response to the request (the message with its id), if any. */
  response?: RpcMessage;
}

let nextId = 1;

/** The data of every `message` event of an SSE body. */
export function sseMessages(text: string): RpcMessage[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((event) =>
      event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart()),
    )
    .filter((data) => data.length > 0)
    .map((data) => JSON.parse(data.join('\n')) as RpcMessage);
}

/**
 * A raw Streamable HTTP POST to /mcp, without the SDK: the test picks the worker for every single
 * request, which the SDK client (bound to one URL) cannot do.
 */
export async function mcpPost(
  url: string,
  key: string,
  message: Omit<RpcMessage, 'jsonrpc'>,
  sessionId?: string,
  headers: Record<string, string> = {},
): Promise<RawReply> {
  const http = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      authorization: `Bearer ${key}`,
      ...(sessionId ? { 'mcp-session-id': sessionId } : {}),
      ...headers,
    },
    body: JSON.stringify({ jsonrpc: '2.0', ...message }),
  });
  const text = await http.text();
  const type = http.headers.get('content-type') ?? '';
  let messages: RpcMessage[] = [];
  if (type.includes('text/event-stream')) messages = sseMessages(text);
  else if (text) messages = [JSON.parse(text) as RpcMessage];
  const response =
    'id' in message ? messages.find((m) => m.id === message.id && m.method === undefined) : undefined;
  return { status: http.status, headers: http.headers, messages, response };
}

/** A JSON-RPC request with a fresh id. */
export function rpcRequest(method: string, params?: Record<string, unknown>) {
  return { id: nextId++, method, ...(params ? { params } : {}) };
}

/** initialize + notifications/initialized on `url`; resolves with the session id. */
export async function openSession(url: string, key: string): Promise<string> {
  const init = await mcpPost(
    url,
    key,
    rpcRequest('initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'raw', version: '1' },
    }),
  );
  const sessionId = init.headers.get('mcp-session-id');
  if (init.status !== 200 || !sessionId)
    throw new Error(`initialize failed: ${init.status} ${JSON.stringify(init.messages)}`);
  const initialized = await mcpPost(url, key, { method: 'notifications/initialized' }, sessionId);
  if (initialized.status !== 202) throw new Error(`notifications/initialized: ${initialized.status}`);
  return sessionId;
}

/** An SSE response read in the background, message by message. */
export interface LiveStream {
  status: number;
  /** Messages received so far. */
  messages: RpcMessage[];
  /** Resolves true once the server ended the stream, false if it is still open after `timeoutMs`. */
  ended(timeoutMs: number): Promise<boolean>;
  close(): void;
}

/** Opens the session's GET stream on `url` and reads it in the background. */
export function openGetStream(url: string, key: string, sessionId: string): Promise<LiveStream> {
  return liveStream(url, {
    headers: { accept: 'text/event-stream', authorization: `Bearer ${key}`, 'mcp-session-id': sessionId },
  });
}

/** A POST whose SSE answer (progress, then the response) is read while it streams. */
export function streamingPost(
  url: string,
  key: string,
  message: Omit<RpcMessage, 'jsonrpc'>,
  sessionId: string,
): Promise<LiveStream> {
  return liveStream(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      authorization: `Bearer ${key}`,
      'mcp-session-id': sessionId,
    },
    body: JSON.stringify({ jsonrpc: '2.0', ...message }),
  });
}

async function liveStream(url: string, init: RequestInit): Promise<LiveStream> {
  const abort = new AbortController();
  const response = await fetch(url, { ...init, signal: abort.signal });
  const messages: RpcMessage[] = [];
  const done = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        const cut = buffer.lastIndexOf('\n\n');
        if (cut < 0) continue;
        messages.push(...sseMessages(buffer.slice(0, cut)));
        buffer = buffer.slice(cut + 2);
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    status: response.status,
    messages,
    ended: (timeoutMs) =>
      Promise.race([
        done.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
      ]),
    close: () => abort.abort(),
  };
}
