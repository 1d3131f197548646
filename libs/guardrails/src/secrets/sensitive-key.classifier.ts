/**
 * Header names whose values are credentials, lower-case. Log their names, never their values, and strip
 * the inbound ones before forwarding upstream.
 */
export const SECRET_HEADER_DENYLIST: readonly string[] = Object.freeze([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'apikey',
  'x-auth-token',
  'x-access-token',
  'x-oauth-token',
  'x-refresh-token',
  'x-id-token',
  'x-amz-security-token',
  'x-goog-api-key',
  'x-csrf-token',
  'x-xsrf-token',
  'x-vault-token',
  'x-functions-key',
  'x-session-token',
  'x-client-secret',
  'private-token',
  'job-token',
  'mcp-session-id',
  'kubernetes-authorization',
  'ocp-apim-subscription-key',
]);

/** Key names that hold a secret wherever the term appears in them (`dbPassword`, `client_secret_value`). */
const CONTAINED_TERMS: readonly string[] = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'apikey',
  'accesskey',
  'secretkey',
  'privatekey',
  'signingkey',
  'encryptionkey',
  'masterkey',
  'accountkey',
  'connectionstring',
  'connstr',
  'credential',
  'authorization',
  'cookie',
  'sessionid',
  'sessiontoken',
  'webhookurl',
];

/** Key names that hold a secret when they end with the term (`github_token`, `basicAuth`, `db_pwd`). */
const SUFFIX_TERMS: readonly string[] = ['token', 'pwd', 'auth', 'dsn', 'signature', 'jwt', 'bearer', 'otp'];

/** Whole key names that hold a secret. */
const EXACT_NAMES: ReadonlySet<string> = new Set(['pass', 'session', 'sig', 'psk', 'privatekeyid']);

/** Endings that turn a secret-ish name into metadata about the secret (`passwordPolicy`, `secretName`). */
const METADATA_ENDINGS: readonly string[] = [
  'id',
  'ids',
  'name',
  'names',
  'type',
  'types',
  'ref',
  'arn',
  'path',
  'file',
  'hint',
  'policy',
  'length',
  'count',
  'enabled',
  'required',
  'expiry',
  'expires',
  'expiresat',
  'createdat',
  'updatedat',
  'changedat',
  'lastused',
  'prefix',
  'header',
  'label',
  'field',
  'version',
  'rotation',
  'strength',
  'manager',
  'store',
];

/** Token names that are paging or cancellation handles, not credentials. */
const NON_SECRET_TOKENS: ReadonlySet<string> = new Set([
  'pagetoken',
  'nextpagetoken',
  'continuationtoken',
  'nexttoken',
  'cancellationtoken',
  'synctoken',
  'maxtoken',
]);

/** Lower-cases and drops separators, so `X-Api-Key`, `api_key`, `apiKey` and `API KEY` compare equal. */
export function normalizeKeyName(key: string): string {
  return key.toLowerCase().replace(/[\s_.$@-]+/g, '');
}

function endsWithMetadata(name: string, term: string): boolean {
  const at = name.lastIndexOf(term);
  const tail = name.slice(at + term.length);
  return tail.length > 0 && METADATA_ENDINGS.some((ending) => tail === ending || tail.endsWith(ending));
}

/**
 * True when the VALUE stored under this JSON key or header name is a secret: password, passwd, pwd, secret,
 * token, apiKey/api_key/api-key, accessKey, clientSecret, privateKey, connectionString, authorization,
 * cookie, set-cookie, x-api-key, credentials, session… in any casing and separator style. Names that
 * describe a secret instead of holding it (`max_tokens`, `secretName`, `passwordPolicy`, `nextPageToken`)
 * are not sensitive.
 */
export function isSensitiveKeyName(key: string): boolean {
  const name = normalizeKeyName(key);
  if (name.length === 0 || name.length > 128) return false;
  if (EXACT_NAMES.has(name) || SECRET_HEADER_DENYLIST.includes(key.toLowerCase())) return true;
  const contained = CONTAINED_TERMS.find((term) => name.includes(term));
  if (contained !== undefined) return !endsWithMetadata(name, contained);
  return SUFFIX_TERMS.some((term) => name.endsWith(term)) && !NON_SECRET_TOKENS.has(name);
}

/** True for names of paging or cancellation handles (`nextPageToken`), which hold no credential. */
export function isHandleTokenName(key: string): boolean {
  return NON_SECRET_TOKENS.has(normalizeKeyName(key));
}

/** Extra query-string parameter names whose values are credentials (`?key=…`, `&code=…` is left alone). */
const QUERY_SECRET_PARAMS: ReadonlySet<string> = new Set(['key', 'sig', 'signature']);

/** True for a query-string or form parameter name whose value is a credential (`token`, `api_key`, `sig`). */
export function isSensitiveParamName(name: string): boolean {
  const normalized = normalizeKeyName(name);
  return QUERY_SECRET_PARAMS.has(normalized) || isSensitiveKeyName(name);
}
