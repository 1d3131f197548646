import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fake OAuth 2.0 token endpoint (client credentials) for tests. */
export interface FakeTokenEndpoint {
  url: string;
  /** Form bodies received, oldest first. */
  requests: URLSearchParams[];
  /** Lifetime (expires_in, seconds) of the next tokens issued. */
  expiresIn: number;
  /** When set, every request is refused with this status and `{ error }`. */
  refuse?: { status: number; error: string };
  close(): Promise<void>;
}

/** Starts a token endpoint on 127.0.0.1 issuing `tok-1`, `tok-2`, … */
export async function startTokenEndpoint(): Promise<FakeTokenEndpoint> {
  const requests: URLSearchParams[] = [];
  const endpoint: FakeTokenEndpoint = { url: '', requests, expiresIn: 3600, close: () => Promise.resolve() };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      res.setHeader('content-type', 'application/json');
      if (endpoint.refuse) {
        res.writeHead(endpoint.refuse.status).end(JSON.stringify({ error: endpoint.refuse.error }));
        return;
      }
      const token = {
        access_token: `tok-${requests.length}`,
        token_type: 'Bearer',
        expires_in: endpoint.expiresIn,
      };
      res.end(JSON.stringify(token));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token`;
  endpoint.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return endpoint;
}
