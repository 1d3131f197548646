import { Agent, request, type IncomingHttpHeaders } from 'node:http';

/** One HTTP response, body read to the end. */
export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A lean keep-alive HTTP/1.1 client for one loopback origin: node:http with a pooled Agent, no
 * fetch/undici and no SDK, so the load generator costs less CPU than the servers it measures.
 */
export class RawHttpClient {
  private readonly agent: Agent;
  readonly host: string;
  readonly port: number;

  constructor(origin: URL, maxSockets: number) {
    this.host = origin.hostname;
    this.port = Number(origin.port);
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /** Sends one request and reads the whole reply. */
  send(
    method: string,
    path: string,
    headers: Record<string, string | number>,
    body?: string,
  ): Promise<HttpReply> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        { host: this.host, port: this.port, method, path, headers, agent: this.agent },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () =>
            resolve({
              status: incoming.statusCode ?? 0,
              headers: incoming.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          incoming.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  /** A JSON POST. */
  post(path: string, body: string, headers: Record<string, string>): Promise<HttpReply> {
    return this.send(
      'POST',
      path,
      { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      body,
    );
  }

  /** A GET. */
  get(path: string, headers: Record<string, string> = {}): Promise<HttpReply> {
    return this.send('GET', path, headers);
  }

  /** Closes every pooled socket. */
  close(): void {
    this.agent.destroy();
  }
}
