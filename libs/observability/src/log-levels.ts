import { z } from 'zod';

/** The levels Bastion logs at, most verbose first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const logLevelSchema = z.enum(LOG_LEVELS);

/** Which processes a runtime level change is for. */
export const LOG_LEVEL_TARGETS = ['api', 'proxy', 'all'] as const;
export type LogLevelTarget = (typeof LOG_LEVEL_TARGETS)[number];

/** A concrete process kind (what `all` stands for). */
export type LogLevelProcess = Exclude<LogLevelTarget, 'all'>;

/** The message published on the log-level channel when an admin changes a level. */
export const logLevelChangeSchema = z.object({
  level: logLevelSchema,
  target: z.enum(LOG_LEVEL_TARGETS),
});
export type LogLevelChange = z.infer<typeof logLevelChangeSchema>;

/** The processes a target covers. */
export function processesOf(target: LogLevelTarget): LogLevelProcess[] {
  return target === 'all' ? ['api', 'proxy'] : [target];
}

/** A published change (JSON text), or null for anything that is not one. */
export function parseLogLevelChange(message: string): LogLevelChange | null {
  try {
    const parsed = logLevelChangeSchema.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A stored level, or null for anything that is not one. */
export function parseLogLevel(value: unknown): LogLevel | null {
  const parsed = logLevelSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
