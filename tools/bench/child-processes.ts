import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A child process the benchmark started, in a process group of its own. */
export interface BenchChild {
  readonly name: string;
  readonly pid: number;
  readonly process: ChildProcess;
  /** The last few KB of its stderr, for error messages. */
  stderrTail(): string;
  /** SIGTERM to the child alone (so it can exit cleanly, e.g. to write a CPU profile); resolves on exit. */
  terminate(timeoutMs?: number): Promise<void>;
}

const TAIL_BYTES = 4_096;

/**
 * Starts and tracks the benchmark's child processes. Each runs detached in its own process group, so
 * stopping it also stops whatever it spawned (stdio upstreams); `killAll` runs on every exit path.
 */
export class ChildProcesses {
  /** Process groups started and not yet stopped (a group outlives its leader while an upstream lives). */
  private readonly groups = new Set<number>();

  /** Spawns `command args` with `env` added to this process's environment. */
  start(
    name: string,
    command: string,
    args: readonly string[],
    env: Record<string, string> = {},
  ): BenchChild {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (child.pid === undefined) throw new Error(`cannot start ${name}`);
    let tail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
    });
    const entry: BenchChild = {
      name,
      pid: child.pid,
      process: child,
      stderrTail: () => tail,
      terminate: (timeoutMs = 10_000) => this.terminate(entry, timeoutMs),
    };
    this.groups.add(child.pid);
    return entry;
  }

  /** Stops one child's whole process group: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(child: BenchChild, graceMs = 3_000): Promise<void> {
    const exited = exitOf(child);
    signalGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
    signalGroup(child.pid, 'SIGKILL'); // leftovers of the group (e.g. an upstream that ignored SIGTERM)
    this.groups.delete(child.pid);
  }

  /** Synchronous last resort for exit handlers: SIGKILL every group still running. */
  killAll(): void {
    for (const group of this.groups) signalGroup(group, 'SIGKILL');
    this.groups.clear();
  }

  private async terminate(child: BenchChild, timeoutMs: number): Promise<void> {
    const exited = exitOf(child);
    try {
      process.kill(child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
    await this.stop(child, 1_000);
  }
}

function exitOf(child: BenchChild): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.process.once('exit', () => resolve()));
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* the group is gone */
  }
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` every `intervalMs` until it returns true; throws after `timeoutMs` with `what`. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
