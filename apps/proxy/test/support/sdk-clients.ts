import type { Redis } from 'ioredis';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { waitFor } from '../proxy-harness';

/**
 * An SDK client whose POSTs go to `postUrl` and whose GET stream goes to `streamUrl`: a load
 * balancer that sent the client's long-lived stream to another worker than its requests.
 */
export async function connectSplit(postUrl: string, streamUrl: string, key: string): Promise<Client> {
  const routed: FetchLike = (url, init) => fetch(init?.method === 'GET' ? streamUrl : url, init);
  const transport = new StreamableHTTPClientTransport(new URL(postUrl), {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
    fetch: routed,
  });
  const client = new Client({ name: 'split', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** Waits until `count` subscribers (one per worker with an open stream) listen on a channel. */
export async function waitForSubscribers(redis: Redis, channel: string, count: number): Promise<void> {
  await waitFor(async () => {
    const reply = (await redis.pubsub('NUMSUB', channel)) as [string, number];
    return Number(reply[1]) >= count;
  });
}
