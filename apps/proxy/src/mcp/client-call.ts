import type { UpstreamCaller } from '@bastion/upstream';
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http/responses';
import { SseStream } from '../http/sse-stream';
import type { JsonRpcId } from './json-rpc';
import type { SessionRecord } from './session-token';

/** The reason `ended` carries; one shared value, because a default abort builds a DOMException and its stack. */
const CALL_ENDED = 'the client call ended';

/**
 * One client request served by this worker (a POST to /mcp), and the caller the upstream pool
 * attributes server requests and log messages to. Its response is plain JSON unless something has
 * to reach the client first (progress, a log message, a server→client request) and the client
 * accepts an SSE stream: then the response becomes that stream, opened on first use, with the
 * result as its last event.
 */
export class ClientCall implements UpstreamCaller {
  private stream: SseStream | null = null;
  private answered = false;
  private readonly finished = new AbortController();

  constructor(
    readonly session: SessionRecord,
    readonly requestId: JsonRpcId,
    private readonly response: ServerResponse,
    /** The client's Accept header lists text/event-stream. */
    private readonly streamable: boolean,
  ) {
    response.on('close', () => this.finished.abort(CALL_ENDED));
  }

  get sessionId(): string {
    return this.session.sid;
  }

  /** Aborted once the response is written or the client went away: nothing can be related to it any more. */
  get ended(): AbortSignal {
    return this.finished.signal;
  }

  /** Sends a message related to this request on its own stream; false when it cannot (JSON only, or over). */
  sendOnStream(json: string): boolean {
    if (this.answered || !this.streamable || this.response.destroyed) return false;
    this.stream ??= new SseStream(this.response);
    this.stream.send(json);
    return true;
  }

  /** Writes the response: the last event of the stream if one was opened, else a JSON body. */
  answer(json: string): void {
    this.answered = true;
    if (this.stream) {
      this.stream.send(json);
      this.stream.end();
    } else if (!this.response.destroyed) {
      sendJson(this.response, 200, json);
    }
    this.finished.abort(CALL_ENDED);
  }
}
