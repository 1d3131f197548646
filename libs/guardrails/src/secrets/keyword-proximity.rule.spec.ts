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

  it('finds keywords near every candidate run, whether runs are few (searched near each) or many (whole text)', () => {
    const prose = 'The committee met on Tuesday to review the spring schedule for the library branches. ';
    const fewRuns = `build-2024-11-21 ${prose.repeat(40)}my api key is ${R} ${prose.repeat(40)}`;
    expect(tokens(fewRuns)).toEqual([R]);
    const manyRuns = `${Array.from({ length: 60 }, (_, i) => `build-2024-11-${i}`).join(' ')} token ${R}`;
    expect(tokens(manyRuns)).toEqual([R]);
    const tooFar = `api key ${'x '.repeat(30)}${R}`;
    expect(tokens(tooFar)).toEqual([]);
  });
});
