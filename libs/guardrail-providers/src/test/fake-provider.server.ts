import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake received. */
export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (or the raw text when it is not JSON). */
  body: unknown;
}

/** What the fake answers. */
export interface FakeReply {
  status?: number;
  /** Serialized as JSON. */
  json?: unknown;
  /** Sent as is (for malformed or oversized answers). */
  raw?: string | Buffer;
  /** Waits this long before answering. */
  delayMs?: number;
  headers?: Record<string, string>;
  /** Sends the body in two writes without a Content-Length (chunked). */
  chunked?: boolean;
}

/** A real HTTP server on 127.0.0.1 (random port) answering like a guardrail provider. */
export interface FakeProvider {
  url: string;
  requests: FakeRequest[];
  /** Replaces the answer for the next requests. */
  reply(handler: (request: FakeRequest) => FakeReply): void;
  close(): Promise<void>;
}

export async function startFakeProvider(
  handler: (request: FakeRequest) => FakeReply = () => ({ json: {} }),
): Promise<FakeProvider> {
  let current = handler;
  const requests: FakeRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // keep the raw text
      }
      const request: FakeRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
      };
      requests.push(request);
      const reply = current(request);
      const send = () => {
        if (res.destroyed) return;
        const payload = reply.raw ?? JSON.stringify(reply.json ?? {});
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        if (!reply.chunked) {
          res.end(payload);
          return;
        }
        const half = Math.floor(payload.length / 2);
        res.write(payload.slice(0, half));
        res.end(payload.slice(half));
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/check`,
    requests,
    reply: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
