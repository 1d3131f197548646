import { z } from 'zod';

/** What the API shows instead of a secret value; sent back on PATCH/PUT it means "keep the stored value". */
export const SECRET_MASK = '********';

/** Hop-by-hop headers (RFC 7230 §6.1) and `host` belong to the connection, not to the server config. */
const FORBIDDEN_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'trailers',
  'transfer-encoding',
  'upgrade',
  'host',
]);

const MAX_MAP_ENTRIES = 100;
const fewEntries = (map: Record<string, string>) => Object.keys(map).length <= MAX_MAP_ENTRIES;

export const serverName = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,63}$/,
    'Use 1–64 lower-case letters, digits, `_` or `-`, starting with a letter or digit.',
  )
  .refine((value) => !value.includes('__'), 'Must not contain `__` (the tool-name delimiter).')
  .describe('Server name, unique within the config: `^[a-z0-9][a-z0-9_-]{0,63}$` without `__`.');

export const transport = z
  .enum(['stdio', 'streamable-http', 'sse'])
  .describe('How the gateway reaches the server: a child process (stdio), Streamable HTTP, or legacy SSE.');

export const command = z
  .string()
  .min(1)
  .max(4096)
  .describe('Executable to start (stdio only; required for stdio).');
export const args = z
  .array(z.string().max(4096))
  .max(200)
  .describe('Arguments passed to the command (stdio).');

export const env = z
  .record(
    z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'Environment variable names match `^[A-Za-z_][A-Za-z0-9_]*$`.'),
    z
      .string()
      .max(16_384)
      .regex(/^[^\0]*$/, 'Must not contain NUL characters.'),
  )
  .refine(fewEntries, `At most ${MAX_MAP_ENTRIES} variables.`)
  .describe(
    `Environment variables for the child process (stdio). Values are secrets: sealed at rest, shown as "${SECRET_MASK}"; ` +
      `send "${SECRET_MASK}" to keep a stored value.`,
  );

export const httpUrl = z
  .url({ protocol: /^https?$/, error: 'Must be an http:// or https:// URL.' })
  .max(2048)
  .describe('Server URL (http or https; required for streamable-http and sse).');

export const headers = z
  .record(
    z
      .string()
      .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'Header names are RFC 7230 tokens.')
      .refine(
        (name) => !FORBIDDEN_HEADERS.has(name.toLowerCase()),
        'Hop-by-hop headers and `host` are not allowed.',
      ),
    z
      .string()
      .max(8192)
      .regex(/^[^\r\n\0]*$/, 'Must not contain CR, LF or NUL.'),
  )
  .refine(fewEntries, `At most ${MAX_MAP_ENTRIES} headers.`)
  .describe(
    `HTTP headers sent to the server (streamable-http, sse). Values are secrets: sealed at rest, shown as "${SECRET_MASK}"; ` +
      `send "${SECRET_MASK}" to keep a stored value.`,
  );

export const toolPrefix = z
  .union([
    z.literal(''),
    z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
        'Use 1–64 letters, digits, `_` or `-`, starting with a letter or digit.',
      )
      .refine((value) => !value.includes('__'), 'Must not contain `__` (the tool-name delimiter).'),
  ])
  .describe(
    'Prefix of this server\'s tools as clients see them (`<prefix>__<tool>`); null uses the server name, "" none.',
  );

const toolNames = z.array(z.string().min(1).max(128)).max(500);
export const toolsAllow = toolNames.describe('Only these upstream tools are offered; empty offers all.');
export const toolsDeny = toolNames.describe('These upstream tools are never offered.');

export const policyId = z.uuid().describe('Id of an existing guardrail policy; null for none.');

export const oauthInput = z
  .object({
    tokenUrl: z
      .url({ protocol: /^https?$/, error: 'Must be an http:// or https:// URL.' })
      .max(2048)
      .describe('OAuth 2.0 token endpoint.'),
    clientId: z.string().min(1).max(512).describe('OAuth client id.'),
    clientSecret: z
      .string()
      .min(1)
      .max(4096)
      .describe(
        `OAuth client secret; sealed at rest, shown as "${SECRET_MASK}". Send "${SECRET_MASK}" to keep it.`,
      ),
    scope: z.string().max(2048).nullable().optional().describe('Requested scope(s), space-separated.'),
    audience: z
      .string()
      .max(2048)
      .nullable()
      .optional()
      .describe('Requested audience, for providers that need one.'),
  })
  .strict()
  .describe(
    'OAuth 2.0 client-credentials grant used to obtain a bearer token for the server (HTTP transports).',
  );

const timeout = z.number().int().min(100).max(600_000);
export const connectTimeoutMs = timeout.describe('Connect timeout in ms (100–600000, default 10000).');
export const discoveryTimeoutMs = timeout.describe(
  'Tool discovery timeout in ms (100–600000, default 10000).',
);
export const callTimeoutMs = timeout.describe('Tool call timeout in ms (100–600000, default 60000).');

export const connectionScope = z
  .enum(['project', 'session'])
  .describe(
    'Share one upstream connection per project on a worker (project) or open one per client session.',
  );

export const enabled = z.boolean().describe('Disabled servers are not offered to clients.');
