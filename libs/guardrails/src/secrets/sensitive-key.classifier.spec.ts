import { describe, expect, it } from 'vitest';
import { SECRET_HEADER_DENYLIST, isSensitiveKeyName, isSensitiveParamName } from './sensitive-key.classifier';

describe('isSensitiveKeyName', () => {
  it.each([
    'password',
    'PASSWORD',
    'Password',
    'passwd',
    'pwd',
    'db_pwd',
    'dbPassword',
    'user-password',
    'passphrase',
    'secret',
    'client_secret',
    'clientSecret',
    'CLIENT-SECRET',
    'webhook_secret',
    'token',
    'access_token',
    'accessToken',
    'refresh-token',
    'id_token',
    'GITHUB_TOKEN',
    'csrfToken',
    '_authToken',
    'apiKey',
    'api_key',
    'api-key',
    'API KEY',
    'x-api-key',
    'X-Api-Key',
    'OPENAI_API_KEY',
    'accessKey',
    'secretAccessKey',
    'aws_secret_access_key',
    'SecretAccessKey',
    'privateKey',
    'private_key',
    'PRIVATE-KEY',
    'connectionString',
    'connection_string',
    'authorization',
    'Authorization',
    'proxy-authorization',
    'basicAuth',
    'cookie',
    'Set-Cookie',
    'credentials',
    'credential',
    'session',
    'sessionId',
    'session_token',
    'mcp-session-id',
    'dsn',
    'jwt',
    'bearer',
    'AccountKey',
    'SharedAccessKey',
    'SharedAccessSignature',
    'sig',
    'x-amz-security-token',
    'X-Amz-Signature',
    'webhookUrl',
    'signingKey',
    'encryption_key',
  ])('%s holds a secret', (key) => {
    expect(isSensitiveKeyName(key)).toBe(true);
  });

  it.each([
    'max_tokens',
    'token_count',
    'tokenizer',
    'input_tokens',
    'total_tokens',
    'token_type',
    'tokenType',
    'nextPageToken',
    'page_token',
    'continuation_token',
    'NextToken',
    'secretName',
    'secret_ref',
    'secretArn',
    'password_policy',
    'passwordHint',
    'passwordMinLength',
    'apiKeyId',
    'api_key_name',
    'privateKeyPath',
    'credentialsFile',
    'cookiePolicy',
    'sessions',
    'username',
    'email',
    'key',
    'id',
    'author',
    'description',
    'publicKey',
    'keyboard',
    'monkey',
    'bypass',
    '',
  ])('%s does not', (key) => {
    expect(isSensitiveKeyName(key)).toBe(false);
  });
});

describe('isSensitiveParamName', () => {
  it.each(['key', 'sig', 'signature', 'token', 'access_token', 'api_key', 'password', 'X-Amz-Credential'])(
    '%s is',
    (name) => {
      expect(isSensitiveParamName(name)).toBe(true);
    },
  );

  it.each(['page', 'sort', 'sv', 'se', 'q', 'format', 'code_challenge_method'])('%s is not', (name) => {
    expect(isSensitiveParamName(name)).toBe(false);
  });
});

describe('SECRET_HEADER_DENYLIST', () => {
  it('lists the credential headers in lower case', () => {
    expect(SECRET_HEADER_DENYLIST).toEqual(
      expect.arrayContaining(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']),
    );
    for (const name of SECRET_HEADER_DENYLIST) expect(name).toBe(name.toLowerCase());
  });

  it('agrees with isSensitiveKeyName', () => {
    for (const name of SECRET_HEADER_DENYLIST) expect(isSensitiveKeyName(name)).toBe(true);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(SECRET_HEADER_DENYLIST)).toBe(true);
  });
});
