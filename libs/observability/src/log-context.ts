import { AsyncLocalStorage } from 'node:async_hooks';
import { logContextFields, type LogContext } from './log-fields';

const storage = new AsyncLocalStorage<Readonly<Record<string, string>>>();

/**
 * Runs `fn` with context fields (request id, key id…) that every log line written during it, and
 * during whatever it starts asynchronously, carries. Nested calls add to the outer context.
 */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  const outer = storage.getStore();
  return storage.run({ ...outer, ...logContextFields(context) }, fn);
}

/** The context fields in effect here (empty outside {@link withLogContext}). */
export function currentLogContext(): Readonly<Record<string, string>> {
  return storage.getStore() ?? {};
}
