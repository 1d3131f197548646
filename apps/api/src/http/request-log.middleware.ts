import { LOG_FIELDS, withLogContext } from '@bastion/observability';
import type { RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'winston';
import type { AuthenticatedRequest } from './admin-key.guard';
import { runInRequestContext } from './request-context';

/** The correlation header: taken from the client when it is a safe short token, echoed on every response. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** What a client-chosen request id may look like: a short token that cannot smuggle anything into a log. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** Probes and scrapes, polled every few seconds: their access lines go to debug. */
const QUIET_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

/** The client's request id when it is safe to reuse, else a fresh UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = typeof header === 'string' ? header.trim() : undefined;
  return value && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * Gives every request an id (`X-Request-Id`, echoed in the response), runs the rest of the request in a
 * log context carrying it and in a request context (which the admin-key guard fills in), and writes one
 * access line when the response ends: method, path (no query string), status code, duration, request
 * id and the admin key's id (never the key).
 */
export function requestLog(logger: Logger): RequestHandler {
  return (request, response, next) => {
    const started = performance.now();
    const requestId = requestIdFrom(request.headers['x-request-id']);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    const path = request.originalUrl.split('?', 1)[0] ?? '/';
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      const keyId = (request as AuthenticatedRequest).admin?.keyId;
      logger.log(QUIET_PATHS.has(path) ? 'debug' : 'info', 'http request', {
        [LOG_FIELDS.method]: request.method,
        [LOG_FIELDS.path]: path,
        [LOG_FIELDS.statusCode]: response.writableFinished ? response.statusCode : 499,
        [LOG_FIELDS.durationMs]: Math.round(performance.now() - started),
        [LOG_FIELDS.requestId]: requestId,
        ...(keyId ? { [LOG_FIELDS.keyId]: keyId } : {}),
      });
    };
    response.once('finish', log);
    response.once('close', log);
    runInRequestContext(() => withLogContext({ requestId }, next));
  };
}
