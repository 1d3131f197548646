/** The largest provider answer read, in bytes; a bigger one is an error (handled by the fail mode). */
export const MAX_REMOTE_RESPONSE_BYTES = 1024 * 1024;

/** The `fetch` the providers use (the global one unless a test or a runtime passes another). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** One JSON request to a provider. */
export interface JsonPost {
  url: string;
  body: unknown;
  headers: Record<string, string>;
  signal: AbortSignal;
  /** Tells a timeout from another abort, for the error message. */
  timeoutSignal: AbortSignal;
  timeoutMs: number;
  maxResponseBytes?: number;
}

/**
 * POSTs JSON and reads a JSON answer of at most `maxResponseBytes`. Redirects are refused (they
 * would carry the headers elsewhere). Errors say what went wrong in a way safe to record: never the
 * URL, the headers or any part of either body.
 */
export async function postJson(fetchImpl: FetchLike, post: JsonPost): Promise<unknown> {
  const maxBytes = post.maxResponseBytes ?? MAX_REMOTE_RESPONSE_BYTES;
  const failure = (fallback: string) =>
    post.timeoutSignal.aborted
      ? `the provider did not answer within ${post.timeoutMs} ms`
      : post.signal.aborted
        ? 'the check was aborted'
        : fallback;
  let response: Response;
  try {
    response = await fetchImpl(post.url, {
      method: 'POST',
      headers: { ...post.headers, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(post.body),
      signal: post.signal,
      redirect: 'error',
    });
  } catch (error) {
    throw new Error(failure(`the provider could not be reached${errorCode(error)}`));
  }
  if (!response.ok) {
    await discard(response);
    throw new Error(`the provider answered HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await discard(response);
    throw new Error(`the provider's answer is over ${maxBytes} bytes`);
  }
  let text: string;
  try {
    text = await readCapped(response, maxBytes);
  } catch (error) {
    if (error instanceof OversizedError) throw new Error(`the provider's answer is over ${maxBytes} bytes`);
    throw new Error(failure("the provider's answer could not be read"));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error("the provider's answer is not JSON");
  }
}

class OversizedError extends Error {}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new OversizedError();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/** A system error code (ECONNREFUSED…) from fetch's cause: safe to record, useful to operators. */
function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' && /^[A-Z0-9_]{2,40}$/.test(cause.code) ? ` (${cause.code})` : '';
}
