import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';

/** How long a BullMQ worker or queue may take to close before its caller moves on and disconnects. */
export const CLOSE_TIMEOUT_MS = 3_000;

/**
 * Waits for `closing`, but no longer than `timeoutMs`: a BullMQ close waits for its connection, which
 * never comes while Redis is down or the client is between reconnect attempts. A rejected close counts
 * as closed; the caller disconnects the connection either way.
 */
export function closeWithin(closing: Promise<unknown>, timeoutMs = CLOSE_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  const closed = closing.then(
    () => undefined,
    () => undefined,
  );
  return Promise.race([closed, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Closes a BullMQ worker: gracefully (jobs in hand finish) while its Redis connection is up, at once
 * when it is not, since jobs in hand cannot be acknowledged then and BullMQ hands them out again.
 */
export function closeWorker(worker: Worker, connection: Redis): Promise<void> {
  return closeWithin(worker.close(connection.status !== 'ready'));
}
