import { describe, expect, it } from 'vitest';
import { BASE62, BASE64, HEX, fake, spanTexts } from './fake-secret.fixture';
import { keywordProximityRule } from './keyword-proximity.rule';

const tokens = (text: string): string[] => spanTexts(text, keywordProximityRule.scan(text));
const R = fake(BASE62, 32);

describe('random tokens after a secret-ish word', () => {
  it.each([
    ['api key', `my api key is ${R} please keep it safe`],
    ['credential', `use credential ${R} for staging`],
    ['token', `the deploy token you asked for is ${R}`],
    ['base64 secret', `shared secret (base64) ${fake(BASE64, 44, 2)}`],
    ['password', `new password for svc is ${R} from now on`],
  ])('%s', (_name, text) => {
    expect(tokens(text)).toHaveLength(1);
  });

  it('accepts a shorter token cut off by the end of the text', () => {
    const head = R.slice(0, 14);
    expect(tokens(`my api key is ${head}`)).toEqual([head]);
  });

  it.each([
    ['a token far from any keyword', `build ${R} finished`],
    ['a hash next to "token"', `the token hash is ${fake(HEX, 64)}`],
    ['a UUID next to "session"', 'session 550e8400-e29b-41d4-a716-446655440000 closed'],
    ['a path', 'token endpoint api/v1/users/12345/tokens/refresh'],
    ['an identifier', 'tokenizer option add_special_tokens_v2024'],
    ['a key assignment (the assignment rule decides)', `{"nextPageToken": "${R}"}`],
    ['a keyword on the previous line', `token\n${R}`],
  ])('leaves %s alone', (_name, text) => {
    expect(tokens(text)).toEqual([]);
  });
});
