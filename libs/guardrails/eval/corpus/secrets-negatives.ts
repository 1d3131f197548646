import { createHash } from 'node:crypto';
import { ALPHABETS as A, type SeededRandom } from '../secrets-pii.rng';
import { publicPems } from './secrets-pem';
import type { SecretNegative } from './secrets-sample.types';

/** Documented placeholders and references that look like credentials but are not. */
const PLACEHOLDERS: readonly string[] = [
  'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'OPENAI_API_KEY=your-api-key-here',
  'Authorization: Bearer <token>',
  'curl -H "Authorization: Bearer $TOKEN" https://api.example.com/v1/me',
  'API_KEY=xxx',
  'password: ${DB_PASSWORD}',
  'token: {{ secrets.GITHUB_TOKEN }}',
  'client_secret: "{{ secret }}"',
  'const apiKey = process.env.OPENAI_API_KEY;',
  '{"username": "admin", "password": "********"}',
  'client_secret: <your-client-secret>',
  'export GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'postgres://${DB_USER}:${DB_PASSWORD}@db:5432/app',
  'mongodb+srv://user:<password>@cluster0.example.net/test',
  'STRIPE_SECRET_KEY=sk_test_...',
  '"apiKey": "[REDACTED]"',
  'password=changeme',
];

/** Prose and documentation that talks about secrets without containing any. */
const PROSE: readonly string[] = [
  'The bearer of this letter is authorized to collect the parcel on my behalf.',
  'Set the sk-test flag to run the suite against the sandbox.',
  'Rotate API keys every 90 days. A token must never be logged; store only its SHA-256 hash and last four characters.',
  'Passwords must be at least 12 characters long and are hashed with Argon2id before storage.',
  'To authenticate, send the key in the Authorization header using the Bearer scheme.',
  'GitHub personal access tokens start with ghp_ and are 40 characters long; push protection blocks them.',
  'The private key (-----BEGIN PRIVATE KEY-----) must never leave the HSM; only the public key is shared.',
  'A PEM file starts with -----BEGIN RSA PRIVATE KEY----- and ends with -----END RSA PRIVATE KEY-----.',
  'Session cookies are marked Secure, HttpOnly and SameSite=Lax.',
  'If the token has expired the server answers 401 with WWW-Authenticate: Bearer error="invalid_token".',
  'Use aws configure to store your access key id and secret access key in ~/.aws/credentials.',
  'Password reset links expire after 30 minutes and can be used once.',
  'Secrets are injected at runtime from Vault; the gateway never writes them to disk.',
  'Token counts: input_tokens=1532, output_tokens=287, cache_read_input_tokens=0.',
  'The API key is shown once at creation; afterwards only its prefix bgw_ and the last four characters are visible.',
  'Basic authentication is disabled; use OAuth 2.1 with PKCE instead.',
  'Tokens are opaque strings; clients must not parse them or rely on their length.',
  'We use HMAC-SHA256 signatures; the signing secret is rotated weekly by the platform team.',
];

/** Code, configuration and logs with secret-ish words but no secret values. */
const CODE_AND_LOGS: readonly string[] = [
  'const token = await getAccessToken(scope);',
  'if (password.length < 12) throw new Error("password too short");',
  'def check_password(password: str) -> bool:\n    return bcrypt.checkpw(password.encode(), stored_hash)',
  'tokens = tokenizer.encode(text, add_special_tokens=False)',
  '{"model":"claude-sonnet","max_tokens":1024,"usage":{"input_tokens":12,"output_tokens":40}}',
  '{"token_type":"Bearer","expires_in":3600,"scope":"read write"}',
  '{"nextPageToken":"CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA3czB3Y2ZhEAEY8oSk4AU","items":[]}',
  'https://example.com:8443/api/v1/items?page=2&sort=asc',
  'http://localhost:3000/health',
  'git@github.com:acme/widgets.git',
  'ssh://git@gitlab.example.com:2222/acme/app.git',
  'redis://localhost:6379/0',
  'at Object.<anonymous> (/srv/app/node_modules/jsonwebtoken/verify.js:45:19)',
  'GET /api/v1/tokens/12345/refresh HTTP/1.1',
  'password_policy: { min_length: 12, require_symbols: true }',
  'secretName: db-credentials',
  'Authorization header missing',
  'authorization: required',
];

/** Real-world tool outputs full of ids, hashes and secret-ish words, but no credential. */
const TOOL_OUTPUTS: readonly string[] = [
  '{"login":"octocat","id":583231,"node_id":"MDQ6VXNlcjU4MzIzMQ==","avatar_url":"https://avatars.example.com/u/583231?v=4","type":"User"}',
  'NAME                         READY   STATUS    RESTARTS   AGE\napi-7d9f8b6c5d-x2k9p          1/1     Running   0          3d2h',
  '2026-08-21T10:00:00.123Z INFO request_id=req_01HZX3K9V7Q8M2N4P6R8T0 latency_ms=12 status=200 path=/v1/tools',
  '{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","content":[{"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9"}]}',
  '{"id":"pi_3MtwBwLkdIwHu7ix28a3tqPa","object":"payment_intent","customer":"cus_NffrFeUfNV2Hib","amount":2000}',
  '{"id":"chatcmpl-9x8y7zA1B2C3D4E5F6G7H8","system_fingerprint":"fp_44709d6fcb","usage":{"total_tokens":57}}',
  'Set SLACK_BOT_TOKEN to the bot token from the OAuth page (it starts with xoxb-).',
  'DATABASE_URL=postgresql://user:password@localhost:5432/db',
  "const secret = crypto.randomBytes(32).toString('hex');",
  "const signed = jwt.sign(payload, process.env.JWT_SECRET, { expiresIn: '1h' });",
  'fetch(url, { headers: { Authorization: `Bearer ${token}` } })',
  'SELECT id, email, password_hash FROM users WHERE token_expires_at < now();',
  'valueFrom:\n  secretKeyRef:\n    name: db-credentials\n    key: password',
  'env:\n  GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}',
  'password = var.db_password',
  'echo "$CR_PAT" | docker login ghcr.io -u USERNAME --password-stdin',
  'A JWT looks like xxxxx.yyyyy.zzzzz: header, payload and signature.',
  '"data": "SGVsbG8sIHdvcmxkIQ==", "encoding": "base64"',
  'https://docs.example.com/document/d/1aBcD3EfGhIjKlMnOpQrStUvWxYz0123456789AbCd/edit',
  'arn:aws:iam::123456789012:role/deploy-role',
  'grant_type=client_credentials&client_id=web-app&scope=tools.read',
  'diff --git a/src/auth.ts b/src/auth.ts\nindex 3f2a1b9..8c7d6e5 100644',
  'Traceback (most recent call last):\n  File "/app/auth/tokens.py", line 42, in refresh_token\nKeyError: \'refresh_token\'',
  'The session expired at 10:42; please sign in again to get a new session.',
  'Use the --token flag or the BASTION_TOKEN environment variable to authenticate the CLI.',
  'cookie consent banner dismissed; cookies: 3 (functional only)',
  'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC',
];

function uuid(rng: SeededRandom): string {
  const hex = rng.string(A.hex, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

const sha = (algorithm: string, value: string): string => createHash(algorithm).update(value).digest('hex');

function ids(rng: SeededRandom): string[] {
  return Array.from({ length: 10 }, (_, n) => {
    const id = uuid(rng);
    return (
      [`request_id=${id}`, `trace ${id} finished in 12ms`, `{"id":"${id}","type":"tool_use"}`][n % 3] ?? id
    );
  });
}

function hashes(rng: SeededRandom): string[] {
  return Array.from({ length: 10 }, (_, n) => {
    const input = rng.string(A.base62, 12);
    const forms = [
      `commit ${sha('sha1', input)}`,
      `sha256: ${sha('sha256', input)}`,
      `ETag: "${sha('md5', input)}"`,
      `checksum=${sha('sha256', input)}`,
      `image: ghcr.io/acme/api@sha256:${sha('sha256', input)}`,
    ];
    return forms[n % forms.length] ?? '';
  });
}

function images(rng: SeededRandom): string[] {
  return Array.from({ length: 6 }, (_, n) => {
    const png = Buffer.concat([
      Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
      rng.bytes(240),
    ]).toString('base64');
    return n % 2
      ? `{"type":"image","data":"${png}","mimeType":"image/png"}`
      : `<img src="data:image/png;base64,${png}">`;
  });
}

function publicMaterial(rng: SeededRandom): string[] {
  const integrity = Array.from(
    { length: 4 },
    () => `"integrity": "sha512-${rng.bytes(64).toString('base64')}"`,
  );
  const sshKey = `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${rng.bytes(24).toString('base64')} deploy@ci`;
  return [...integrity, ...publicPems(rng), sshKey];
}

/** UUIDs, hashes, digests, base64 images and public keys with fresh random values. */
function generated(rng: SeededRandom): Array<[string, string]> {
  const groups: Array<[string, string[]]> = [
    ['uuid', ids(rng)],
    ['hash', hashes(rng)],
    ['base64-image', images(rng)],
    ['public-material', publicMaterial(rng)],
  ];
  return groups.flatMap(([category, texts]) => texts.map((text): [string, string] => [category, text]));
}

/** Texts with no secret: each must come out of redaction unchanged. */
export function secretNegatives(rng: SeededRandom): SecretNegative[] {
  const fixed: Array<[string, readonly string[]]> = [
    ['placeholder', PLACEHOLDERS],
    ['prose', PROSE],
    ['code-or-log', CODE_AND_LOGS],
    ['tool-output', TOOL_OUTPUTS],
  ];
  const labelled = [
    ...fixed.flatMap(([category, texts]) => texts.map((text): [string, string] => [category, text])),
    ...generated(rng),
  ];
  return labelled.map(([category, text], n) => ({ id: `n-${category}-${n}`, category, text }));
}
