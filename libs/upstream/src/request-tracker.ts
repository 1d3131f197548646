import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { UpstreamCaller, UpstreamRequestOptions } from './upstream.types';

type ProgressHandler = NonNullable<UpstreamRequestOptions['onProgress']>;

/** A request as the tracker registered it: the params to send, and how to forget it. */
export interface TrackedRequest {
  params: Record<string, unknown> | undefined;
  release: () => void;
}

function isProgress(message: JSONRPCMessage): message is JSONRPCMessage & {
  method: 'notifications/progress';
  params: { progressToken?: unknown; progress?: unknown; total?: unknown; message?: unknown };
} {
  return 'method' in message && !('id' in message) && message.method === 'notifications/progress';
}

/**
 * A connection's own bookkeeping of its requests in flight: their progress tokens and callers.
 *
 * Progress does not go through the SDK's `onprogress`: the SDK runs notification handlers a
 * microtask after it handles responses, and a response removes its progress handler, so a last
 * progress notification read in the same chunk as the result was dropped. Here the token is set
 * by the tracker and progress is dispatched synchronously from the transport, in arrival order,
 * before the SDK sees the response that follows it.
 */
export class RequestTracker {
  private sequence = 0;
  private readonly progress = new Map<string, ProgressHandler>();
  private readonly callers = new Map<string, UpstreamCaller>();

  /** Registers one request; its progress token (if it wants progress) replaces any other. */
  track(params: Record<string, unknown> | undefined, options: UpstreamRequestOptions): TrackedRequest {
    const token = `bastion-${++this.sequence}`;
    let sent = params;
    if (options.onProgress) {
      this.progress.set(token, options.onProgress);
      const meta = (params?.['_meta'] ?? {}) as Record<string, unknown>;
      sent = { ...params, _meta: { ...meta, progressToken: token } };
    }
    if (options.caller) this.callers.set(token, options.caller);
    return {
      params: sent,
      release: () => {
        this.progress.delete(token);
        this.callers.delete(token);
      },
    };
  }

  /** The caller of the only request with a caller in flight; undefined for none or several. */
  soleCaller(): UpstreamCaller | undefined {
    if (this.callers.size !== 1) return undefined;
    return this.callers.values().next().value;
  }

  /**
   * Wraps a connected transport's message handler: progress notifications are dispatched here
   * (never reaching the SDK, which knows no progress handler), `intercept` may consume others,
   * everything else goes on to the SDK.
   */
  tap(transport: Transport, intercept: (message: JSONRPCMessage) => boolean): void {
    const sdk = transport.onmessage;
    transport.onmessage = (message, extra) => {
      if (isProgress(message)) return this.dispatchProgress(message.params);
      if (intercept(message)) return;
      sdk?.(message, extra);
    };
  }

  private dispatchProgress(params: {
    progressToken?: unknown;
    progress?: unknown;
    total?: unknown;
    message?: unknown;
  }) {
    const handler =
      typeof params.progressToken === 'string' ? this.progress.get(params.progressToken) : undefined;
    if (!handler || typeof params.progress !== 'number') return;
    const update: Parameters<ProgressHandler>[0] = { progress: params.progress };
    if (typeof params.total === 'number') update.total = params.total;
    if (typeof params.message === 'string') update.message = params.message;
    try {
      handler(update);
    } catch {
      // A failing listener must not break the transport's read loop.
    }
  }
}
