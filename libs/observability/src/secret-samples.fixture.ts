/**
 * Spec helpers: credential-shaped strings built at run time from a deterministic generator, so the
 * repository holds no literal that secret scanners (push protection, gitleaks) would flag.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `length` pseudo-random characters of `alphabet` (xorshift32 from `seed`). */
export function randomText(alphabet: string, length: number, seed = 1): string {
  let state = (seed * 2654435761) >>> 0 || 1;
  let out = '';
  while (out.length < length) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

const b64url = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');

/** A private-key PEM block with a random body. */
export function pemBlock(seed = 7): string {
  const body = Array.from({ length: 6 }, (_, i) => randomText(BASE64, 64, seed + i));
  return ['-----BEGIN RSA PRIVATE KEY-----', ...body, '-----END RSA PRIVATE KEY-----'].join('\n');
}

/**
 * One sample per secret shape: [name, text as it would appear in a log, the secret part of it]. The
 * secret part must not survive redaction, not even 8 characters of it.
 */
export function secretSamples(): Array<[string, string, string]> {
  const samples: Array<[string, string, string]> = [];
  const add = (name: string, secret: string, text = secret) => samples.push([name, text, secret]);
  add('GitHub token', 'ghp_' + randomText(BASE62, 36, 1));
  add(
    'GitHub fine-grained token',
    'github_pat_' + randomText(BASE62, 22, 2) + '_' + randomText(BASE62, 59, 3),
  );
  add('GitLab token', 'glpat-' + randomText(BASE64URL, 20, 4));
  add('AWS access key id', 'AKIA' + randomText(UPPER_DIGITS, 16, 5));
  const awsSecret = randomText(BASE64, 40, 6);
  add('AWS secret key', awsSecret, `aws_secret_access_key = ${awsSecret}`);
  add('GCP API key', 'AIza' + randomText(BASE64URL, 35, 7));
  add('OpenAI key', 'sk-proj-' + randomText(BASE64URL, 74, 8) + 'T3BlbkFJ' + randomText(BASE64URL, 74, 9));
  add('Anthropic key', 'sk-ant-api03-' + randomText(BASE64URL, 93, 10) + 'AA');
  add(
    'Slack bot token',
    `xoxb-${randomText('0123456789', 11, 11)}-${randomText('0123456789', 12, 12)}-${randomText(BASE62, 24, 13)}`,
  );
  add('Stripe live key', 'sk_live_' + randomText(BASE62, 24, 14));
  add('npm token', 'npm_' + randomText(BASE62, 36, 15));
  add('Bastion key', 'bgw_' + randomText(BASE62, 40, 16));
  add(
    'JWT',
    `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'u-1', iat: 1760000000 })}.${randomText(BASE64URL, 43, 17)}`,
  );
  const pem = pemBlock();
  add('PEM private key', pem.split('\n')[3] ?? '', pem);
  const dbPassword = 'P@ss-' + randomText(BASE62, 14, 18);
  add('postgresql URL password', dbPassword, `postgresql://app:${dbPassword}@db.internal:5432/app`);
  const redisPassword = randomText(BASE62, 20, 19);
  add('redis URL password', redisPassword, `redis://:${redisPassword}@cache:6379/0`);
  const bearer = randomText(BASE64URL, 40, 20);
  add('Bearer credential', bearer, `Authorization: Bearer ${bearer}`);
  const basic = Buffer.from(`admin:${randomText(BASE62, 16, 21)}`).toString('base64');
  add('Basic credential', basic, `sent Basic ${basic} upstream`);
  const assigned = randomText(BASE62, 18, 22);
  add('password assignment', assigned, `retrying with password=${assigned} now`);
  const jsonPassword = 'x"' + randomText(BASE62, 16, 23);
  add(
    'JSON password with an escaped quote',
    jsonPassword.slice(2),
    JSON.stringify({ password: jsonPassword }),
  );
  return samples;
}

/** Whether any 8-character window of `secret` is still in `text`. */
export function leaks(text: string, secret: string): boolean {
  for (let i = 0; i + 8 <= secret.length; i += 1) {
    if (text.includes(secret.slice(i, i + 8))) return true;
  }
  return false;
}
