import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What is known about the HTTP request being served, for code far from the controller (the config
 * writer's audit event). Mutable: the middleware opens it before authentication, the admin-key guard
 * fills in the principal once it is known.
 */
export interface RequestContext {
  /** The admin key the request was authenticated with (its id, never the key). */
  adminKeyId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` (and whatever it starts asynchronously) in a fresh request context. */
export function runInRequestContext<T>(fn: () => T): T {
  return storage.run({}, fn);
}

/** The context of the request being served, or undefined outside one (jobs, timers, boot). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
