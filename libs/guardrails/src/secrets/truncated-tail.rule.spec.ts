import { describe, expect, it } from 'vitest';
import { BASE62, fake, spanTexts } from './fake-secret.fixture';
import { truncatedTailRule } from './truncated-tail.rule';

const scan = (text: string) => truncatedTailRule.scan(text);

describe('credentials cut off at the end of the text', () => {
  it.each([
    ['GitHub', 'ghp_' + fake(BASE62, 14)],
    ['OpenAI', 'sk-proj-' + fake(BASE62, 9)],
    ['Stripe', 'sk_live_' + fake(BASE62, 6)],
    ['Bastion', 'bgw_' + fake(BASE62, 10)],
    ['JWT', 'eyJhbGciOiJIUzI1NiIsInR5cCI6'],
  ])('flags the first half of a %s token', (_name, head) => {
    const text = `Authorization: Bearer ${head}`;
    expect(spanTexts(text, scan(text))).toEqual([head]);
  });

  it.each([
    ['a token in the middle of the text', `ghp_${fake(BASE62, 14)} was revoked`],
    ['a word-like tail', 'see hf_config_path'],
    ['a placeholder', 'export GITHUB_TOKEN=ghp_xxxxxxxxxxxx'],
    ['a token ending the sentence', `revoke ghp_${fake(BASE62, 14)}.`],
    ['a bare prefix', 'tokens start with ghp_'],
  ])('ignores %s', (_name, text) => {
    expect(scan(text)).toEqual([]);
  });
});
