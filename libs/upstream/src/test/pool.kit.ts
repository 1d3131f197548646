import { randomBytes, randomUUID } from 'node:crypto';
import { SecretBox } from '@bastion/crypto';
import { UpstreamPool } from '../upstream.pool';
import type { UpstreamNotification, UpstreamPoolOptions } from '../upstream.types';

/** One captured log line. */
export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

/** A pool wired for tests: a fresh master key, captured logs and notifications. */
export interface PoolKit {
  pool: UpstreamPool;
  box: SecretBox;
  logs: LogLine[];
  notifications: UpstreamNotification[];
  /** Seals a test secret under the kit's master key. */
  seal(value: string): string;
}

/** Creates a pool with test defaults (generous limits, 60 s idle); `overrides` replace any option. */
export function createPoolKit(overrides: Partial<UpstreamPoolOptions> = {}): PoolKit {
  const box = new SecretBox(randomBytes(32));
  const logs: LogLine[] = [];
  const notifications: UpstreamNotification[] = [];
  const pool = new UpstreamPool({
    openSecret: (sealed) => box.open(sealed),
    maxProcesses: 10,
    idleMs: 60_000,
    maxResponseBytes: 1024 * 1024,
    slowCallWarnRatio: 0.8,
    log: (level, message, fields) => logs.push({ level, message, fields }),
    onNotification: (notification) => notifications.push(notification),
    restartBackoff: { initialMs: 250, maxMs: 30_000 },
    ...overrides,
  });
  return { pool, box, logs, notifications, seal: (value) => box.seal(value) };
}

/** A fresh project id. */
export function projectId(): string {
  return randomUUID();
}

/** The text of the first content item of a tools/call result. */
export function firstText(result: Record<string, unknown>): string {
  const content = result['content'] as { type: string; text?: string }[] | undefined;
  return content?.[0]?.text ?? '';
}

/** Polls `check` every 20 ms until it returns true or `timeoutMs` passes. */
export async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Tools/call parameters. */
export function call(name: string, args: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, arguments: args };
}
