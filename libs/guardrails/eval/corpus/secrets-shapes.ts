import { ALPHABETS as A, type SeededRandom } from '../secrets-pii.rng';
import type { SecretCase } from './secrets-sample.types';
import {
  awsSecret,
  b64url,
  escapedPassword,
  genericAssignment,
  jwt,
  nearKeyword,
  openai,
  password,
  pemCase,
  queryCredential,
  serviceAccount,
  type Case,
  urlPassword,
} from './secrets-structured';

type ShapeGenerator = (rng: SeededRandom, n: number) => Case;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const LETTERS = A.base62.slice(10);
const GITHUB_PREFIXES = ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'];
const STRIPE = [
  ['sk_live_', 16],
  ['rk_live_', 24],
  ['sk_test_', 99],
] as const;

/** A token shape: `template` is the text around the token, `{}` marks where it goes. */
function token(
  shape: string,
  make: (rng: SeededRandom, n: number) => string,
  template: string,
): ShapeGenerator {
  return (rng, n) => {
    const secret = make(rng, n);
    return { shape, secret, text: template.replace('{}', secret) };
  };
}

function github(r: SeededRandom, n: number): string {
  const prefix = GITHUB_PREFIXES[n];
  return prefix
    ? prefix + r.string(A.base62, 36)
    : `github_pat_${r.string(A.base62, 22)}_${r.string(A.base62, 59)}`;
}

function slack(r: SeededRandom, n: number): string {
  if (n === 2)
    return `xapp-1-A${r.string(A.upperDigits, 10)}-${r.string(A.digits, 13)}-${r.string(A.hex, 64)}`;
  return `xox${n ? 'p' : 'b'}-${r.string(A.digits, 11)}-${r.string(A.digits, 12)}-${r.string(A.base62, 24)}`;
}

function stripe(r: SeededRandom, n: number): string {
  const [prefix, length] = STRIPE[n % STRIPE.length] ?? STRIPE[0];
  return prefix + r.string(A.base62, length);
}

const basic = (r: SeededRandom): string =>
  Buffer.from(`svc-${r.string(A.lower, 5)}:${password(r, 0)}`).toString('base64');
const slackHook = (r: SeededRandom): string =>
  `T${r.string(A.upperDigits, 8)}/B${r.string(A.upperDigits, 10)}/${r.string(A.base62, 24)}`;
const vault = (r: SeededRandom, n: number): string =>
  n ? `s.${r.string(A.base62, 24)}` : `hvs.${r.string(A.base64url, 90)}`;
const sendgrid = (r: SeededRandom): string => `SG.${r.string(A.base64url, 22)}.${r.string(A.base64url, 43)}`;
const sas = (r: SeededRandom): string => encodeURIComponent(r.bytes(32).toString('base64'));
const SAS_URL =
  'https://acme.blob.core.windows.net/r/q3.pdf?sv=2022-11-02&sp=r&se=2026-12-31T00%3A00%3A00Z&sig={}';
const AZURE = 'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={};EndpointSuffix=core.windows.net';

/** Every credential shape the secrets scanner must redact, each generated `count` times. */
const SHAPES: ReadonlyArray<[string, number, ShapeGenerator]> = [
  ['bearer', 4, token('bearer-token', (r) => b64url(r, 32), 'Authorization: Bearer {}')],
  [
    'basic',
    3,
    token('basic-credentials', basic, 'curl -H "Authorization: Basic {}" https://api.example.com/'),
  ],
  ['jwt', 4, token('jwt', jwt, 'verified id_token {} for tenant acme')],
  ['pem', 9, pemCase],
  ['gcp-sa', 2, serviceAccount],
  ['aws-id', 3, token('aws-access-key-id', (r) => `AKIA${r.string(BASE32, 16)}`, 'aws_access_key_id={}')],
  ['aws-secret', 3, awsSecret],
  ['github', 6, token('github-token', github, 'git clone https://x-access-token:{}@github.com/acme/app.git')],
  ['gitlab', 2, token('gitlab-token', (r) => `glpat-${r.string(A.base64url, 20)}`, 'PRIVATE-TOKEN: {}')],
  [
    'gcp-key',
    2,
    token('gcp-api-key', (r) => `AIza${r.string(A.base64url, 35)}`, 'https://maps.example.com/geo?key={}'),
  ],
  ['azure-key', 2, token('azure-storage-key', (r) => r.bytes(64).toString('base64'), AZURE)],
  ['azure-sas', 2, token('azure-sas', sas, SAS_URL)],
  ['openai', 3, openai],
  [
    'anthropic',
    2,
    token('anthropic-api-key', (r) => `sk-ant-api03-${r.string(A.base64url, 93)}AA`, 'x-api-key: {}'),
  ],
  ['slack', 3, token('slack-token', slack, 'SLACK_BOT_TOKEN={}')],
  ['slack-webhook', 1, token('slack-webhook', slackHook, 'posting to https://hooks.slack.com/services/{}')],
  ['stripe', 3, token('stripe-key', stripe, 'stripe.api_key = "{}"')],
  [
    'npm',
    2,
    token('npm-token', (r) => `npm_${r.string(A.base62, 36)}`, '//registry.npmjs.org/:_authToken={}'),
  ],
  ['hf', 2, token('huggingface-token', (r) => `hf_${r.string(LETTERS, 34)}`, 'HF_TOKEN={}')],
  ['vault', 2, token('vault-token', vault, 'vault login {}')],
  ['bastion', 3, token('bastion-api-key', (r) => `bgw_${r.string(A.base62, 40)}`, 'BASTION_KEY={}')],
  ['sendgrid', 1, token('sendgrid-api-key', sendgrid, 'sendgrid key {}')],
  ['cookie', 2, token('session-cookie', (r) => b64url(r, 24), 'Cookie: theme=dark; sessionid={}; lang=en')],
  ['url-password', 11, urlPassword],
  ['query', 9, queryCredential],
  ['generic', 10, genericAssignment],
  ['near-keyword', 3, nearKeyword],
  ['json-password', 2, escapedPassword],
];

/** The positive cases of the secrets corpus: every shape, several random instances each. */
export function secretCases(rng: SeededRandom): SecretCase[] {
  return SHAPES.flatMap(([name, count, generate]) =>
    Array.from({ length: count }, (_, n) => ({ id: `${name}-${n}`, ...generate(rng, n) })),
  );
}
