/** Generators for credentials that come with structure: URLs, assignments, PEM files, JSON documents. */
import { ALPHABETS as A, type SeededRandom } from '../secrets-pii.rng';
import { ed25519Pem, privateKeyPems } from './secrets-pem';
import type { SecretCase } from './secrets-sample.types';

/** A generated case before it gets its id. */
export type Case = Omit<SecretCase, 'id'>;

const PASSWORD_CHARS = A.base62 + '@:#!$&*+=~_.-';

/** A password with at least one `@` in it half of the time (the case naive URL redactors cut short). */
export function password(rng: SeededRandom, n: number): string {
  const body = rng.string(PASSWORD_CHARS, 10 + rng.int(14));
  return n % 2 === 0 ? `${body.slice(0, 4)}@${body.slice(4)}` : body;
}

/** `bytes` random bytes as base64url. */
export function b64url(rng: SeededRandom, bytes: number): string {
  return rng.bytes(bytes).toString('base64url');
}

/** A signed-looking HS256 JWT with random claims and signature. */
export function jwt(rng: SeededRandom): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const claims = { sub: `user-${rng.int(1e6)}`, iat: 1760000000 + rng.int(1e6), scope: 'tools:call' };
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${b64url(rng, 32)}`;
}

const SCHEMES = [
  'postgres',
  'postgresql',
  'mysql',
  'mongodb+srv',
  'redis',
  'rediss',
  'amqps',
  'smtp',
  'https',
  'mssql',
  'ftp',
];
const QUERY_PARAMS = [
  'token',
  'api_key',
  'access_token',
  'apikey',
  'password',
  'client_secret',
  'sig',
  'key',
  'X-Amz-Signature',
];
const GENERIC_KEYS = [
  'SECRET_KEY',
  'DJANGO_SECRET_KEY',
  'signing_key',
  'JWT_SECRET',
  'encryption_key',
  'apiSecret',
  'DB_PASSWORD',
  'clientSecret',
  'webhook_secret',
  'private_token',
];

/** A high-entropy value assigned to a secret-ish key in env, YAML, JSON or TOML form. */
export function genericAssignment(rng: SeededRandom, n: number): Case {
  const key = GENERIC_KEYS[n % GENERIC_KEYS.length] ?? 'SECRET_KEY';
  const secret =
    n % 3 === 2 ? rng.string(A.hex, 64) : rng.string(n % 2 ? A.base64 : A.base62, 24 + rng.int(24));
  const forms = [`${key}=${secret}`, `${key}: ${secret}`, `"${key}": "${secret}"`, `${key} = "${secret}"`];
  return { shape: 'generic-assignment', secret, text: forms[n % forms.length] ?? '' };
}

/** One private-key PEM file of each armor label in turn. */
export function pemCase(rng: SeededRandom, n: number): Case {
  const pems = privateKeyPems(rng);
  const secret = pems[n % pems.length] ?? '';
  return { shape: 'pem-private-key', secret, text: `key file contents:\n${secret}\n` };
}

/** A GCP service-account JSON file; its `private_key` is the secret. */
export function serviceAccount(rng: SeededRandom): Case {
  const secret = ed25519Pem(rng).privatePem + '\n';
  const account = {
    type: 'service_account',
    project_id: `proj-${rng.string(A.lower, 6)}`,
    private_key_id: rng.string(A.hex, 40),
    private_key: secret,
    client_email: `svc@proj.iam.gserviceaccount.com`,
  };
  return { shape: 'gcp-service-account', secret: secret.trim(), text: JSON.stringify(account, null, 2) };
}

/** An AWS secret access key in credentials-file, STS JSON and env form. */
export function awsSecret(rng: SeededRandom, n: number): Case {
  const secret = rng.string(A.base64, 40);
  const id = `ASIA${rng.string('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
  const forms = [
    `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}`,
    JSON.stringify({
      Credentials: { AccessKeyId: id, SecretAccessKey: secret, Expiration: '2026-09-01T00:00:00Z' },
    }),
    `export AWS_SECRET_ACCESS_KEY=${secret}`,
  ];
  return { shape: 'aws-secret-access-key', secret, text: forms[n % forms.length] ?? '' };
}

/** The password of a `scheme://user:password@host` URL, any scheme. */
export function urlPassword(rng: SeededRandom, n: number): Case {
  const scheme = SCHEMES[n % SCHEMES.length] ?? 'postgres';
  const secret = password(rng, n);
  const user = n % 5 === 4 ? '' : `app_${rng.string(A.lower, 5)}`;
  return {
    shape: 'url-password',
    secret,
    text: `${scheme}://${user}:${secret}@db-${rng.int(9)}.internal.example:5432/app?sslmode=require`,
  };
}

/** A credential in a query-string parameter. */
export function queryCredential(rng: SeededRandom, n: number): Case {
  const param = QUERY_PARAMS[n % QUERY_PARAMS.length] ?? 'token';
  const secret = rng.string(A.base62, 24 + rng.int(16));
  return {
    shape: 'query-credential',
    secret,
    text: `GET https://api.example.com/v1/export?format=csv&${param}=${secret}&page=2`,
  };
}

/** A prefix-less random token written after a secret-ish word. */
export function nearKeyword(rng: SeededRandom, n: number): Case {
  const secret = rng.string(A.base62, 32);
  const forms = [
    `my api key is ${secret} please keep it safe`,
    `use credential ${secret} for staging`,
    `the deploy token you asked for is ${secret}`,
  ];
  return { shape: 'keyword-token', secret, text: forms[n % forms.length] ?? '' };
}

/** A JSON password value containing an escaped quote and backslash. */
export function escapedPassword(rng: SeededRandom): Case {
  const secret = `${rng.string(A.base62, 6)}"${rng.string(A.base62, 6)}\\${rng.string(A.base62, 6)}`;
  return { shape: 'json-password', secret, text: JSON.stringify({ username: 'svc', password: secret }) };
}

/** OpenAI keys: legacy, project and service-account forms. */
export function openai(rng: SeededRandom, n: number): Case {
  const marker = 'T3BlbkFJ';
  const forms = [
    `sk-${rng.string(A.base62, 20)}${marker}${rng.string(A.base62, 20)}`,
    `sk-proj-${rng.string(A.base64url, 74)}${marker}${rng.string(A.base64url, 74)}`,
    `sk-svcacct-${rng.string(A.base64url, 58)}${marker}${rng.string(A.base64url, 58)}`,
  ];
  const secret = forms[n % forms.length] ?? '';
  return { shape: 'openai-api-key', secret, text: `client = OpenAI(api_key="${secret}")` };
}
