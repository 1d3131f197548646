import { DEFAULT_ASYNC_RULE_TIMEOUT_MS, MAX_ASYNC_RULE_TIMEOUT_MS } from '@bastion/guardrails';

/** The remote providers a `remote` rule can ask. */
export const REMOTE_PROVIDERS = ['webhook', 'openai-moderation', 'enkrypt'] as const;
export type RemoteProviderId = (typeof REMOTE_PROVIDERS)[number];

/** Where a provider is asked when the rule gives no `url`. `webhook` has no default. */
export const DEFAULT_PROVIDER_URLS: Readonly<Partial<Record<RemoteProviderId, string>>> = {
  'openai-moderation': 'https://api.openai.com/v1/moderations',
  enkrypt: 'https://api.enkryptai.com/guardrails/detect',
};

/** A `remote` rule's options, checked. */
export interface RemoteOptions {
  provider: RemoteProviderId;
  url: string;
  /**
   * Sent with every request, as opened by the factory's `openHeader` (API keys live here; they are
   * never logged nor put in errors).
   */
  headers: Record<string, string>;
  timeoutMs: number;
  /** Which categories count (moderation categories, Enkrypt summary keys); all when unset. */
  categories?: string[];
  /** Scores at or above this count as flagged (instead of the provider's own verdict). */
  threshold?: number;
  /** openai-moderation: the moderation model. */
  model?: string;
  /** enkrypt: the `detectors` object sent with each request. */
  detectors?: Record<string, unknown>;
}

/** A problem with one option; `path` is relative to the rule's `options`. */
export interface RemoteOptionIssue {
  path: Array<string | number>;
  message: string;
}

const COMMON_KEYS = ['provider', 'url', 'headers', 'timeoutMs', 'failMode', 'categories', 'threshold'];
const PROVIDER_KEYS: Record<RemoteProviderId, string[]> = {
  webhook: COMMON_KEYS,
  'openai-moderation': [...COMMON_KEYS, 'model'],
  enkrypt: [...COMMON_KEYS, 'detectors'],
};
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** Headers the gateway sets itself (or that would break the request). */
const RESERVED_HEADERS = new Set([
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'expect',
  'upgrade',
]);
const MAX_HEADERS = 32;
const MAX_HEADER_VALUE = 8_192;
const MAX_URL_LENGTH = 2_048;
const MAX_CATEGORIES = 64;
const MAX_DETECTORS_JSON = 16_384;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every problem with a `remote` rule's options (empty when they are fine). Messages name options,
 * never their values: header values are secrets.
 */
export function remoteOptionIssues(options: Record<string, unknown>): RemoteOptionIssue[] {
  const issues: RemoteOptionIssue[] = [];
  const add = (path: Array<string | number>, message: string) => issues.push({ path, message });
  const provider = options['provider'];
  if (typeof provider !== 'string' || !(REMOTE_PROVIDERS as readonly string[]).includes(provider)) {
    add(['provider'], `options.provider must be one of: ${REMOTE_PROVIDERS.join(', ')}.`);
    return issues;
  }
  const id = provider as RemoteProviderId;
  for (const key of Object.keys(options)) {
    if (!PROVIDER_KEYS[id].includes(key))
      add([key], `options.${key} is not an option of the ${id} provider.`);
  }
  const url = options['url'];
  if (url === undefined) {
    if (!DEFAULT_PROVIDER_URLS[id]) add(['url'], `options.url is required for the ${id} provider.`);
  } else {
    const problem = urlProblem(url);
    if (problem) add(['url'], problem);
  }
  headerIssues(options['headers'], add);
  const timeoutMs = options['timeoutMs'];
  if (
    timeoutMs !== undefined &&
    (typeof timeoutMs !== 'number' ||
      !Number.isInteger(timeoutMs) ||
      timeoutMs <= 0 ||
      timeoutMs > MAX_ASYNC_RULE_TIMEOUT_MS)
  ) {
    add(['timeoutMs'], `options.timeoutMs must be an integer between 1 and ${MAX_ASYNC_RULE_TIMEOUT_MS}.`);
  }
  const failMode = options['failMode'];
  if (failMode !== undefined && failMode !== 'open' && failMode !== 'closed') {
    add(['failMode'], 'options.failMode must be "open" or "closed".');
  }
  const categories = options['categories'];
  if (
    categories !== undefined &&
    (!Array.isArray(categories) ||
      categories.length === 0 ||
      categories.length > MAX_CATEGORIES ||
      !categories.every((c) => typeof c === 'string' && c.length > 0 && c.length <= 100))
  ) {
    add(
      ['categories'],
      `options.categories must be a non-empty array of at most ${MAX_CATEGORIES} category names.`,
    );
  }
  const threshold = options['threshold'];
  if (threshold !== undefined && (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1))) {
    add(['threshold'], 'options.threshold must be a number between 0 and 1.');
  }
  const model = options['model'];
  if (model !== undefined && (typeof model !== 'string' || model.length === 0 || model.length > 100)) {
    add(['model'], 'options.model must be a non-empty string of at most 100 characters.');
  }
  const detectors = options['detectors'];
  if (
    detectors !== undefined &&
    (!isPlainObject(detectors) || JSON.stringify(detectors).length > MAX_DETECTORS_JSON)
  ) {
    add(
      ['detectors'],
      `options.detectors must be an object (at most ${MAX_DETECTORS_JSON} characters of JSON).`,
    );
  }
  return issues;
}

function urlProblem(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) {
    return `options.url must be an http(s) URL of at most ${MAX_URL_LENGTH} characters.`;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'options.url is not a valid URL.';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return 'options.url must use http or https.';
  if (parsed.username || parsed.password)
    return 'options.url must not carry credentials; use options.headers.';
  return undefined;
}

function headerIssues(headers: unknown, add: (path: Array<string | number>, message: string) => void): void {
  if (headers === undefined) return;
  if (!isPlainObject(headers)) {
    add(['headers'], 'options.headers must be an object of header names to string values.');
    return;
  }
  const entries = Object.entries(headers);
  if (entries.length > MAX_HEADERS)
    add(['headers'], `options.headers may hold at most ${MAX_HEADERS} headers.`);
  for (const [name, value] of entries) {
    if (!HEADER_NAME.test(name)) add(['headers', name], 'This is not a valid HTTP header name.');
    else if (RESERVED_HEADERS.has(name.toLowerCase()))
      add(['headers', name], `The gateway sets ${name} itself.`);
    if (typeof value !== 'string' || value.length > MAX_HEADER_VALUE || /[\r\n\0]/.test(value)) {
      add(
        ['headers', name],
        `A header value must be a string of at most ${MAX_HEADER_VALUE} characters without line breaks.`,
      );
    }
  }
}

/** Checks and reads a `remote` rule's options; throws one Error naming every bad option. */
export function parseRemoteOptions(options: Record<string, unknown>): RemoteOptions {
  const issues = remoteOptionIssues(options);
  if (issues.length > 0) throw new Error(issues.map((issue) => issue.message).join(' '));
  const provider = options['provider'] as RemoteProviderId;
  return {
    provider,
    url: (options['url'] as string | undefined) ?? DEFAULT_PROVIDER_URLS[provider]!,
    headers: { ...((options['headers'] as Record<string, string> | undefined) ?? {}) },
    timeoutMs: (options['timeoutMs'] as number | undefined) ?? DEFAULT_ASYNC_RULE_TIMEOUT_MS,
    categories: options['categories'] as string[] | undefined,
    threshold: options['threshold'] as number | undefined,
    model: options['model'] as string | undefined,
    detectors: options['detectors'] as Record<string, unknown> | undefined,
  };
}
