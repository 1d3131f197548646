import { describe, expect, it } from 'vitest';
import { BASE62, BASE64URL, HEX, UPPER_DIGITS, fake, spanTexts } from './fake-secret.fixture';
import { scanSecrets } from './secrets.scanner';
import { vendorTokenRules } from './vendor-token.rules';

const scanVendors = (text: string) => vendorTokenRules.flatMap((rule) => rule.scan(text));
const jwtPart = (json: object): string => Buffer.from(JSON.stringify(json)).toString('base64url');

/** [kind, token] — every token is assembled at run time. */
const POSITIVES: ReadonlyArray<[string, string]> = [
  ['aws-access-key-id', 'AKIA' + fake(UPPER_DIGITS, 16)],
  ['aws-access-key-id', 'ASIA' + fake(UPPER_DIGITS, 16, 2)],
  ['github-token', 'ghp_' + fake(BASE62, 36)],
  ['github-token', 'gho_' + fake(BASE62, 36, 3)],
  ['github-token', 'ghs_' + fake(BASE62, 36, 4)],
  ['github-token', 'github_pat_' + fake(BASE62, 22) + '_' + fake(BASE62, 59, 5)],
  ['gitlab-token', 'glpat-' + fake(BASE64URL, 20)],
  ['gcp-api-key', 'AIza' + fake(BASE64URL, 35)],
  ['anthropic-api-key', 'sk-ant-api03-' + fake(BASE64URL, 93) + 'AA'],
  ['openai-api-key', 'sk-' + fake(BASE62, 20) + 'T3BlbkFJ' + fake(BASE62, 20, 6)],
  ['openai-api-key', 'sk-proj-' + fake(BASE64URL, 74) + 'T3BlbkFJ' + fake(BASE64URL, 74, 7)],
  [
    'slack-token',
    'xoxb-' + fake('0123456789', 11) + '-' + fake('0123456789', 12, 2) + '-' + fake(BASE62, 24),
  ],
  ['slack-token', 'xapp-1-A' + fake(UPPER_DIGITS, 10) + '-' + fake('0123456789', 13) + '-' + fake(HEX, 64)],
  ['stripe-key', 'sk_live_' + fake(BASE62, 24)],
  ['stripe-key', 'rk_live_' + fake(BASE62, 16, 8)],
  ['stripe-key', 'sk_test_' + fake(BASE62, 99, 9)],
  ['npm-token', 'npm_' + fake(BASE62, 36)],
  ['huggingface-token', 'hf_' + fake(BASE62.slice(10), 34)],
  ['vault-token', 'hvs.' + fake(BASE64URL, 90)],
  ['vault-token', 's.' + fake(BASE62, 24, 11)],
  ['bastion-api-key', 'bgw_' + fake(BASE62, 40)],
  ['sendgrid-api-key', 'SG.' + fake(BASE64URL, 22) + '.' + fake(BASE64URL, 43, 2)],
  ['databricks-token', 'dapi' + fake(HEX, 32)],
  ['age-secret-key', 'AGE-SECRET-KEY-1' + fake(UPPER_DIGITS, 58)],
  [
    'jwt',
    `${jwtPart({ alg: 'HS256', typ: 'JWT' })}.${jwtPart({ sub: 'u-1', iat: 1760000000 })}.${fake(BASE64URL, 43)}`,
  ],
];

describe('vendor token rules', () => {
  it.each(POSITIVES)('finds a %s whole', (kind, token) => {
    const text = `value: ${token} (end).`;
    const spans = scanVendors(text);
    expect(spanTexts(text, spans)).toContain(token);
    expect(scanSecrets(text)).toEqual([expect.objectContaining({ kind, start: 7, end: 7 + token.length })]);
  });

  it.each([
    ['documented AWS example id', 'AKIAIOSFODNN7EXAMPLE'],
    ['low-entropy AWS id', 'AKIAXXXXXXXXXXXXXXXX'],
    ['lower-case AWS-like word', 'akia' + fake(UPPER_DIGITS, 16).toLowerCase()],
    ['short GitHub prefix', 'ghp_' + fake(BASE62, 12)],
    ['GitHub placeholder', 'ghp_' + 'x'.repeat(36)],
    ['glued prefix', 'xghp_' + fake(BASE62, 36)],
    ['short sk-test', 'use sk-test for the sandbox'],
    ['sk- prose', 'sk-this-is-not-a-real-key-at-all'],
    ['hf_ identifier', 'load hf_model_loader and hf_config_path'],
    ['npm config variable', 'npm_config_cache=/tmp/npm'],
    ['JWT header alone', jwtPart({ alg: 'HS256', typ: 'JWT' })],
    ['UUID', '550e8400-e29b-41d4-a716-446655440000'],
    ['SHA-256', fake(HEX, 64)],
    ['git SHA', 'commit ' + fake(HEX, 40)],
    ['base64 PNG', 'data:image/png;base64,iVBORw0KGgo' + fake(BASE62, 200)],
    ['short Stripe', 'sk_live_abc'],
  ])('leaves a %s alone', (_name, text) => {
    expect(scanSecrets(`${text} (end)`)).toEqual([]);
  });

  it('covers an unsigned JWT up to its final dot', () => {
    const token = `${jwtPart({ alg: 'none' })}.${jwtPart({ sub: 'u-2' })}.`;
    const text = `token ${token} accepted`;
    expect(spanTexts(text, scanSecrets(text))).toEqual([token.slice(0, -1)]);
  });

  it('trims a sentence full stop after a token', () => {
    const token = 'glpat-' + fake(BASE64URL, 20, 4);
    const text = `revoke ${token}.`;
    expect(spanTexts(text, scanSecrets(text))).toEqual([token]);
  });
});
