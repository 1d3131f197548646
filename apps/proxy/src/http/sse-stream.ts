import type { ServerResponse } from 'node:http';

const KEEPALIVE_MS = 15_000;

/** A Server-Sent Events response carrying JSON-RPC messages. */
export class SseStream {
  private readonly keepalive: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly response: ServerResponse,
    headers: Record<string, string> = {},
  ) {
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      ...headers,
    });
    response.flushHeaders();
    this.keepalive = setInterval(() => this.write(': keepalive\n\n'), KEEPALIVE_MS);
    this.keepalive.unref();
    response.on('close', () => this.markClosed());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends one JSON-RPC message (already serialized) as an SSE `message` event. */
  send(json: string): void {
    this.write(`event: message\ndata: ${json}\n\n`);
  }

  end(): void {
    if (!this.closed) this.response.end();
    this.markClosed();
  }

  onClose(listener: () => void): void {
    this.response.on('close', listener);
  }

  private write(chunk: string): void {
    if (!this.closed) this.response.write(chunk);
  }

  private markClosed(): void {
    this.closed = true;
    clearInterval(this.keepalive);
  }
}
