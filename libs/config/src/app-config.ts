import { parseMasterKey } from '@bastion/crypto';
import { envSchema, type Env } from './env.schema';

/** Bastion's configuration, parsed once at boot and frozen. */
export interface AppConfig {
  readonly host: string;
  readonly api: { readonly port: number; readonly bodyLimitBytes: number };
  readonly proxy: {
    readonly port: number;
    readonly allowedHosts: readonly string[];
    readonly allowedOrigins: readonly string[];
    readonly maxBodyBytes: number;
    readonly publicUrl: string | undefined;
    readonly toolCacheTtlMs: number;
  };
  readonly upstream: {
    readonly idleMs: number;
    readonly maxProcesses: number;
    readonly maxResponseBytes: number;
    readonly slowCallRatio: number;
  };
  readonly database: { readonly url: string | undefined };
  readonly redis: { readonly url: string | undefined; readonly prefix: string };
  readonly security: {
    readonly masterKey: Buffer | undefined;
    readonly bootstrapAdminKey: string | undefined;
  };
  readonly log: { readonly level: Env['LOG_LEVEL']; readonly file: string | undefined };
  readonly telemetry: { readonly otlpEndpoint: string | undefined };
  readonly outbox: { readonly pollMs: number };
  /** Audit trail: how many days events are kept (0: forever). */
  readonly audit: { readonly retentionDays: number };
  readonly dataDir: string;
}

/** Raised with every invalid variable named (never its value). */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** Parses an environment (normally `process.env`) into a frozen {@link AppConfig}. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  return deepFreeze({
    host: e.BASTION_HOST,
    api: { port: e.API_PORT, bodyLimitBytes: e.API_BODY_LIMIT_BYTES },
    proxy: {
      port: e.PROXY_PORT,
      allowedHosts: list(e.PROXY_ALLOWED_HOSTS),
      allowedOrigins: list(e.PROXY_ALLOWED_ORIGINS),
      maxBodyBytes: e.PROXY_MAX_BODY_BYTES,
      publicUrl: e.PROXY_PUBLIC_URL,
      toolCacheTtlMs: e.TOOL_CACHE_TTL_MS,
    },
    upstream: {
      idleMs: e.UPSTREAM_IDLE_MS,
      maxProcesses: e.UPSTREAM_MAX_PROCESSES,
      maxResponseBytes: e.UPSTREAM_MAX_RESPONSE_BYTES,
      slowCallRatio: e.UPSTREAM_SLOW_CALL_RATIO,
    },
    database: { url: e.DATABASE_URL },
    redis: { url: e.REDIS_URL, prefix: e.BASTION_REDIS_PREFIX },
    security: {
      masterKey: e.BASTION_MASTER_KEY ? (parseMasterKey(e.BASTION_MASTER_KEY) ?? undefined) : undefined,
      bootstrapAdminKey: e.BASTION_BOOTSTRAP_ADMIN_KEY,
    },
    log: { level: e.LOG_LEVEL, file: e.LOG_FILE },
    telemetry: { otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT },
    outbox: { pollMs: e.OUTBOX_POLL_MS },
    audit: { retentionDays: e.AUDIT_RETENTION_DAYS },
    dataDir: e.BASTION_DATA_DIR,
  });
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object' && !Buffer.isBuffer(child)) deepFreeze(child as object);
  }
  return Object.freeze(value);
}
