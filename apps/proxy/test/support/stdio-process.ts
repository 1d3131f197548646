import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A child speaking newline-delimited JSON-RPC on stdio, with everything it wrote recorded. */
export interface LineProcess {
  child: ChildProcess;
  /** Every stdout line so far. */
  stdout: string[];
  /** Everything written to stderr so far. */
  stderr(): string;
  send(message: object): void;
  /** Resolves with the first stdout line that parses to a message with this id (bounded). */
  response(id: number | string, timeoutMs?: number): Promise<any>;
  /** Resolves with the exit code (null when killed by a signal), or rejects after `timeoutMs`. */
  exit(timeoutMs?: number): Promise<number | null>;
  kill(): void;
}

/** Spawns `command args` with `env` and records its stdout lines and stderr. */
export function spawnLineProcess(command: string, args: string[], env: Record<string, string>): LineProcess {
  const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  let stderr = '';
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    stdout.push(line);
    for (const waiter of waiters) waiter();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const bounded = <T>(promise: Promise<T>, timeoutMs: number, what: string) =>
    withDeadline(promise, timeoutMs, () => `${what} within ${timeoutMs} ms; stderr: ${stderr}`);
  const isResponse = (id: number | string) => (message: any) =>
    message?.id === id && message.method === undefined;
  return {
    child,
    stdout,
    stderr: () => stderr,
    send: (message) => child.stdin.write(`${JSON.stringify(message)}\n`),
    response: (id, timeoutMs = 10_000) =>
      bounded(firstLine(stdout, waiters, isResponse(id)), timeoutMs, `no response to ${String(id)}`),
    exit: (timeoutMs = 10_000) => bounded(exited, timeoutMs, 'no exit'),
    kill: () => void (child.exitCode === null && child.kill('SIGKILL')),
  };
}

/** The first parsed line (already read or still to come) that matches. */
function firstLine(
  lines: string[],
  waiters: Set<() => void>,
  matches: (message: any) => boolean,
): Promise<any> {
  return new Promise((resolve) => {
    const check = () => {
      const message = lines.map(tryParse).find(matches);
      if (message === undefined) return;
      waiters.delete(check);
      resolve(message);
    };
    waiters.add(check);
    check();
  });
}

function withDeadline<T>(promise: Promise<T>, timeoutMs: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), timeoutMs);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function tryParse(line: string): any {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** Whether a stdout line is one JSON-RPC 2.0 message (request, notification or response). */
export function isJsonRpcLine(line: string): boolean {
  const message = tryParse(line);
  if (typeof message !== 'object' || message === null || message.jsonrpc !== '2.0') return false;
  return typeof message.method === 'string' || 'result' in message || 'error' in message;
}
