import type { ServerEntry } from '@bastion/contracts';

/**
 * Which connection a request uses. Connections are scoped per project and server by default, or
 * per client session when the server's connectionScope is `session`; never shared across projects.
 */
export interface UpstreamTarget {
  projectId: string;
  server: ServerEntry;
  /** The client session, used only when `server.connectionScope === 'session'`. */
  sessionId?: string;
}

/** Operation types, each with its own time budget. */
export type UpstreamOperation = 'discovery' | 'call';

export interface UpstreamRequestOptions {
  operation: UpstreamOperation;
  /** The caller's cancellation; aborting sends notifications/cancelled upstream. */
  signal?: AbortSignal;
  /** Progress notifications for this request (the caller sent a progressToken). */
  onProgress?: (progress: { progress: number; total?: number; message?: string }) => void;
  /** W3C traceparent to forward to HTTP upstreams. */
  traceparent?: string;
  /**
   * Who the request is made for. While it is in flight, server requests (sampling, elicitation,
   * roots) and log messages from the connection may be attributed to it.
   */
  caller?: UpstreamCaller;
}

/**
 * The client a request is made for. The pool only compares and hands it back; the gateway passes
 * its own richer object (e.g. one that can answer on the request's own stream).
 */
export interface UpstreamCaller {
  /** The client session the request came from. */
  readonly sessionId: string;
}

/** Client capabilities the gateway may declare upstream, because it can forward them. */
export interface UpstreamClientCapabilities {
  sampling: boolean;
  elicitation: boolean;
  roots: boolean;
}

/** A request an upstream server sends back to its client: sampling, elicitation or roots. */
export interface UpstreamServerRequest {
  /** The connection's owner: project, server, and session for session-scoped connections. */
  target: UpstreamTarget;
  method: 'sampling/createMessage' | 'elicitation/create' | 'roots/list';
  params?: Record<string, unknown>;
  /**
   * The request in flight it is attributed to: the only request with a caller on the connection
   * when it arrived. Absent when none or several were in flight.
   */
  caller?: UpstreamCaller;
  /** Aborted when the upstream cancels its request or the connection closes. */
  signal: AbortSignal;
}

/** A notification an upstream sent on its own (list_changed, logging message, resource updated). */
export interface UpstreamNotification {
  target: UpstreamTarget;
  method: string;
  params?: Record<string, unknown>;
  /** The request in flight it is attributed to (log messages only; see UpstreamServerRequest.caller). */
  caller?: UpstreamCaller;
}

/** Settings of the pool; the proxy fills them from AppConfig. */
export interface UpstreamPoolOptions {
  /** Opens sealed env/header/OAuth secrets (a SecretBox under BASTION_MASTER_KEY). */
  openSecret: (sealed: string) => string;
  /** At most this many stdio child processes per worker; more gives `unavailable`. */
  maxProcesses: number;
  /** Close a connection unused for this long. */
  idleMs: number;
  /** Largest upstream response accepted (serialized JSON bytes). */
  maxResponseBytes: number;
  /** Warn when a call used more than this share of its budget (0–1). */
  slowCallWarnRatio: number;
  /** Structured log sink (never console). */
  log: (
    level: 'debug' | 'info' | 'warn' | 'error',
    message: string,
    fields?: Record<string, unknown>,
  ) => void;
  /** Notifications upstreams send on their own. */
  onNotification?: (notification: UpstreamNotification) => void;
  /**
   * Answers requests upstream servers send back to the client. Without it no sampling,
   * elicitation or roots capability is declared upstream. Rejections become JSON-RPC errors (an
   * error's numeric `code` and `data` are kept).
   */
  onServerRequest?: (request: UpstreamServerRequest) => Promise<Record<string, unknown>>;
  /**
   * What a session-scoped connection declares: the capabilities that session's client declared.
   * Project-shared connections declare all three (a request is then answered for the client it
   * can be attributed to, or refused). Unknown sessions declare none.
   */
  sessionCapabilities?: (sessionId: string) => UpstreamClientCapabilities | undefined;
  /**
   * Variables from the worker's environment every stdio child inherits, e.g. LANG and TMPDIR
   * (the composition root picks them; the library never reads process.env). The SDK always adds
   * HOME, LOGNAME, PATH, SHELL, TERM and USER; the server's own env comes last.
   */
  baseEnv?: Record<string, string>;
  /** Delay between restart attempts of a failed connection: initialMs doubling up to maxMs (250 ms → 30 s). */
  restartBackoff?: { initialMs: number; maxMs: number };
  /** Version sent in clientInfo (name `bastion-gateway`) when connecting upstream. */
  clientVersion?: string;
}

/** Why an upstream request failed. */
export type UpstreamFailure =
  | 'unavailable'
  | 'timeout'
  | 'too-large'
  | 'protocol'
  | 'upstream-error'
  | 'cancelled';
