import { isApiKeyFormat, parseMasterKey } from '@bastion/crypto';
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

/** Every environment variable Bastion reads, with its default. Documented in README → Configuration. */
export const envSchema = z.object({
  API_PORT: port(8001),
  PROXY_PORT: port(8000),
  BASTION_HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  REDIS_URL: optionalText.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
  BASTION_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/)
    .default('bastion:'),
  BASTION_MASTER_KEY: optionalText.pipe(
    z
      .string()
      .refine((value) => parseMasterKey(value) !== null, '32 bytes as 64 hex characters or base64')
      .optional(),
  ),
  BASTION_BOOTSTRAP_ADMIN_KEY: optionalText.pipe(
    z.string().refine(isApiKeyFormat, 'must be bgw_ followed by 32 to 128 base62 characters').optional(),
  ),
  BASTION_DATA_DIR: z.string().trim().min(1).default('.bastion'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  LOG_FILE: optionalText,
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalText.pipe(z.url().optional()),
  API_BODY_LIMIT_BYTES: positiveInt(1_048_576),
  OUTBOX_POLL_MS: positiveInt(1000),
  PROXY_ALLOWED_HOSTS: z.string().default('localhost,127.0.0.1,[::1]'),
  PROXY_ALLOWED_ORIGINS: z.string().default(''),
  PROXY_MAX_BODY_BYTES: positiveInt(4_194_304),
  PROXY_PUBLIC_URL: optionalText.pipe(z.url().optional()),
  UPSTREAM_IDLE_MS: positiveInt(300_000),
  UPSTREAM_MAX_PROCESSES: positiveInt(64),
  UPSTREAM_MAX_RESPONSE_BYTES: positiveInt(8_388_608),
  UPSTREAM_SLOW_CALL_RATIO: z.coerce.number().gt(0).max(1).default(0.8),
  TOOL_CACHE_TTL_MS: positiveInt(300_000),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(30),
});

/** Raw, validated environment. */
export type Env = z.infer<typeof envSchema>;

/** One line of the configuration reference. */
export interface EnvDoc {
  name: keyof Env;
  description: string;
}

/** The configuration reference; a test keeps it, the schema and the README in step. */
export const ENV_DOCS: readonly EnvDoc[] = [
  { name: 'API_PORT', description: 'Port of the control plane (REST, Swagger, health, metrics).' },
  { name: 'PROXY_PORT', description: 'Port of the MCP proxy worker (`/mcp`).' },
  { name: 'BASTION_HOST', description: 'Interface both apps bind to. Use 0.0.0.0 in containers.' },
  {
    name: 'DATABASE_URL',
    description: 'PostgreSQL URL. Unset: an embedded PGlite database under BASTION_DATA_DIR.',
  },
  { name: 'REDIS_URL', description: 'Redis URL. Unset: an in-process stand-in (single process only).' },
  { name: 'BASTION_REDIS_PREFIX', description: 'Prefix of every Redis key and channel Bastion uses.' },
  {
    name: 'BASTION_MASTER_KEY',
    description:
      'Encrypts upstream secrets at rest (AES-256-GCM): 32 bytes as hex or base64. Required with DATABASE_URL; generated into BASTION_DATA_DIR otherwise.',
  },
  { name: 'BASTION_BOOTSTRAP_ADMIN_KEY', description: 'A `bgw_…` admin key accepted from the first start.' },
  { name: 'BASTION_DATA_DIR', description: 'Where the embedded database and the generated master key live.' },
  { name: 'LOG_LEVEL', description: '`debug`, `info`, `warn` or `error`.' },
  { name: 'LOG_FILE', description: 'Append logs to this file (or `stderr`) instead of stdout.' },
  { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', description: 'OTLP/HTTP collector for traces, metrics and logs.' },
  { name: 'API_BODY_LIMIT_BYTES', description: 'Largest accepted REST request body; larger ones get 413.' },
  { name: 'OUTBOX_POLL_MS', description: 'How often the outbox relay looks for unpublished changes.' },
  {
    name: 'PROXY_ALLOWED_HOSTS',
    description: 'Comma-separated `Host` names `/mcp` answers (DNS-rebinding protection); `*` allows any.',
  },
  {
    name: 'PROXY_ALLOWED_ORIGINS',
    description:
      'Comma-separated browser origins allowed on `/mcp`; requests with any other `Origin` get 403.',
  },
  { name: 'PROXY_MAX_BODY_BYTES', description: 'Largest MCP request body; larger ones get 413.' },
  {
    name: 'PROXY_PUBLIC_URL',
    description: 'The URL clients use to reach `/mcp`, when behind a load balancer.',
  },
  {
    name: 'UPSTREAM_IDLE_MS',
    description: 'Close an upstream connection (or stdio process) unused for this long.',
  },
  { name: 'UPSTREAM_MAX_PROCESSES', description: 'At most this many stdio upstream processes per worker.' },
  {
    name: 'UPSTREAM_MAX_RESPONSE_BYTES',
    description: 'Largest upstream response; larger ones fail with -32012.',
  },
  {
    name: 'UPSTREAM_SLOW_CALL_RATIO',
    description: 'Warn when an upstream call uses more than this share of its budget.',
  },
  {
    name: 'TOOL_CACHE_TTL_MS',
    description: 'How long aggregated tool lists stay cached (also invalidated by changes).',
  },
  {
    name: 'AUDIT_RETENTION_DAYS',
    description: 'Delete audit events older than this many days (checked hourly); `0` keeps them forever.',
  },
];
