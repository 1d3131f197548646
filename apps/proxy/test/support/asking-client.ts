import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
  LoggingMessageNotificationSchema,
  ResourceUpdatedNotificationSchema,
  type ClientCapabilities,
} from '@modelcontextprotocol/sdk/types.js';

/** What a client saw: requests relayed to it (method and params), log messages, updated URIs. */
export interface Seen {
  requests: Array<{ method: string; params: Record<string, unknown> }>;
  logs: Array<{ logger?: string; data?: unknown }>;
  updates: string[];
}

/** The answers an asking client gives. */
export const ANSWERS = {
  sampling: (prompt: string) => `answer to ${prompt}`,
  elicitation: { action: 'accept', content: { name: 'Ada' } },
  roots: { roots: [{ uri: 'file:///work', name: 'work' }] },
} as const;

function promptOf(params: { messages: Array<{ content: unknown }> }): string {
  const content = params.messages[0]?.content as { text?: string } | undefined;
  return content?.text ?? '';
}

/**
 * An SDK client through the gateway that declares `capabilities` and answers sampling,
 * elicitation and roots requests (see ANSWERS) for the ones it declares; `fetch` may route its
 * HTTP requests to different workers. Resolves once its GET stream is open.
 */
export async function connectAsking(
  url: string,
  key: string,
  capabilities: ClientCapabilities,
  fetch?: FetchLike,
): Promise<{ client: Client; seen: Seen }> {
  const seen: Seen = { requests: [], logs: [], updates: [] };
  const client = new Client({ name: 'asking', version: '1.0.0' }, { capabilities });
  answerRequests(client, capabilities, seen);
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void seen.logs.push(n.params));
  client.setNotificationHandler(
    ResourceUpdatedNotificationSchema,
    (n) => void seen.updates.push(n.params.uri),
  );
  const stream = watchStream(fetch ?? globalThis.fetch);
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
    fetch: stream.fetch,
  });
  await client.connect(transport);
  await stream.open;
  return { client, seen };
}

/** Answers the relayed requests of each declared capability with ANSWERS, recording them in `seen`. */
function answerRequests(client: Client, capabilities: ClientCapabilities, seen: Seen): void {
  const record = (method: string, params: object) => seen.requests.push({ method, params: { ...params } });
  if (capabilities.sampling) {
    client.setRequestHandler(CreateMessageRequestSchema, ({ method, params }) => {
      record(method, params);
      const text = ANSWERS.sampling(promptOf(params));
      return { role: 'assistant', content: { type: 'text', text }, model: 'test-model' };
    });
  }
  if (capabilities.elicitation) {
    client.setRequestHandler(ElicitRequestSchema, ({ method, params }) => {
      record(method, params);
      return { ...ANSWERS.elicitation };
    });
  }
  if (capabilities.roots) {
    client.setRequestHandler(ListRootsRequestSchema, ({ method, params }) => {
      record(method, params ?? {});
      return { ...ANSWERS.roots };
    });
  }
}

/** Wraps a fetch to know when the client's GET stream is open (the gateway then listens for it). */
function watchStream(base: FetchLike): { fetch: FetchLike; open: Promise<void> } {
  let opened!: () => void;
  let timer: NodeJS.Timeout | undefined;
  const open = new Promise<void>((resolve, reject) => {
    opened = resolve;
    timer = setTimeout(() => reject(new Error('the GET stream did not open within 5 s')), 5_000);
  }).finally(() => clearTimeout(timer));
  const fetch: FetchLike = async (url, init) => {
    const response = await base(url, init);
    if (init?.method === 'GET' && response.ok) opened();
    return response;
  };
  return { fetch, open };
}

/** Where a split client's HTTP requests went: `<method> <worker>`, `answer <worker>` for its answers, `GET <worker> <status>`. */
export type Routes = string[];

/**
 * A load balancer that splits one client over workers: requests (POST with a method) go to
 * `calls` accepting JSON only, so nothing can be streamed back on them; the GET stream goes to
 * `stream`; the client's answers to relayed requests (POST without a method) go to `answers`.
 */
export function splitRouting(
  workers: { calls: string; stream: string; answers: string },
  routes: Routes,
): FetchLike {
  return (_url, init) => {
    if (init?.method === 'GET') {
      // Noted once the stream is open: the gateway answers a GET after it listens for the session.
      return fetch(workers.stream, init).then((response) => {
        routes.push(`GET ${workers.stream} ${response.status}`);
        return response;
      });
    }
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { method?: string }) : {};
    if (init?.method === 'POST' && body.method === undefined) {
      routes.push(`answer ${workers.answers}`);
      return fetch(workers.answers, init);
    }
    const headers = new Headers(init?.headers);
    if (init?.method === 'POST') headers.set('accept', 'application/json');
    routes.push(`${init?.method ?? 'GET'} ${workers.calls}`);
    return fetch(workers.calls, { ...init, headers });
  };
}
