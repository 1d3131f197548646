import type { BusKeys } from '@bastion/bus';
import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import type { JsonRpcMessage } from './json-rpc';
import { McpError } from './mcp-error';
import type { NotificationHub } from './notification.hub';

const ID_PREFIX = 'bastion-req-';
/** Ids this gateway issues: the prefix and 24 random base64url characters (144 bits). */
const ID_PATTERN = /^bastion-req-[A-Za-z0-9_-]{24}$/;

/** What one wait is bound to: the session that must answer, and when to give up. */
export interface ReplyWait {
  sid: string;
  timeoutMs: number;
  /** Aborting ends the wait (the upstream cancelled, the client call ended). */
  signals: AbortSignal[];
  /** Why the wait ended without an answer, as the error the upstream gets. */
  onGiveUp: (reason: 'timeout' | 'aborted') => McpError;
}

interface Pending {
  sid: string;
  settle: (outcome: { result: Record<string, unknown> } | { error: Error }) => void;
}

/** The answer a client sent, as the waiting side gets it (a JSON-RPC error becomes an McpError). */
function outcomeOf(message: Pick<JsonRpcMessage, 'result' | 'error'>) {
  const { result, error } = message;
  if (error !== undefined) {
    const {
      code,
      message: text,
      data,
    } = (error ?? {}) as { code?: unknown; message?: unknown; data?: unknown };
    const safeCode = Number.isSafeInteger(code) ? (code as number) : -32603;
    return {
      error: new McpError(
        safeCode,
        typeof text === 'string' ? text : 'The client answered with an error.',
        data,
      ),
    };
  }
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    return {
      error: McpError.of('invalidRequest', 'The client answered with a result that is not an object.'),
    };
  }
  return { result: result as Record<string, unknown> };
}

/**
 * Requests the gateway sends to clients, waiting for their answers. Ids are random and
 * unguessable; each is bound to one session, and an answer from another session is ignored. The
 * answer may be POSTed to any worker: the worker that gets it settles the wait when it is local,
 * else publishes it on the request's reply channel, which the waiting worker listens to.
 */
export class ClientReplies {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly redis: Redis,
    private readonly keys: BusKeys,
    private readonly hub: NotificationHub,
  ) {}

  /** A fresh request id. */
  newId(): string {
    return ID_PREFIX + randomBytes(18).toString('base64url');
  }

  /**
   * Waits for the answer to request `id`, after `send` delivered it (listening starts before, so
   * no answer is missed). Rejects with `send`'s error, the client's JSON-RPC error, or `onGiveUp`.
   */
  async wait(id: string, wait: ReplyWait, send: () => Promise<void>): Promise<Record<string, unknown>> {
    if (wait.signals.some((signal) => signal.aborted)) throw wait.onGiveUp('aborted');
    let settle!: Pending['settle'];
    const outcome = new Promise<Parameters<Pending['settle']>[0]>((resolve) => (settle = resolve));
    this.pending.set(id, { sid: wait.sid, settle });
    const stopListening = await this.hub
      .listen(this.keys.replyChannel(id), (payload) => this.fromBus(id, payload))
      .catch(() => () => undefined);
    const stopBounds = bound(wait, settle);
    try {
      await send();
      const settled = await outcome;
      if ('error' in settled) throw settled.error;
      return settled.result;
    } finally {
      stopBounds();
      stopListening();
      this.pending.delete(id);
    }
  }

  /** Handles an answer a client POSTed: settles the local wait, or passes it to the waiting worker. */
  async accept(sid: string, message: JsonRpcMessage): Promise<void> {
    const id = message.id;
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) return;
    const local = this.pending.get(id);
    if (local) {
      if (local.sid === sid) local.settle(outcomeOf(message));
      return;
    }
    const payload = JSON.stringify({ sid, result: message.result, error: message.error });
    await this.redis.publish(this.keys.replyChannel(id), payload).catch(() => undefined);
  }

  private fromBus(id: string, payload: string): void {
    const waiting = this.pending.get(id);
    if (!waiting) return;
    let answer: { sid?: unknown } & Pick<JsonRpcMessage, 'result' | 'error'>;
    try {
      answer = JSON.parse(payload) as typeof answer;
    } catch {
      return;
    }
    if (answer.sid === waiting.sid) waiting.settle(outcomeOf(answer));
  }
}

/** Ends the wait on timeout or abort; returns the function that removes the bounds. */
function bound(wait: ReplyWait, settle: Pending['settle']): () => void {
  const timer = setTimeout(() => settle({ error: wait.onGiveUp('timeout') }), wait.timeoutMs);
  const onAbort = () => settle({ error: wait.onGiveUp('aborted') });
  for (const signal of wait.signals) {
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  return () => {
    clearTimeout(timer);
    for (const signal of wait.signals) signal.removeEventListener('abort', onAbort);
  };
}
