// The adapters shaped for OpenAI moderation and the Enkrypt guardrail API, against local fake servers.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENKRYPT_DETECTORS } from './providers/enkrypt.provider';
import { compile, input, SECRET, useFakeProvider } from './test/remote-policy.fixture';

describe('remote detector: openai-moderation provider', () => {
  const fake = useFakeProvider();

  const moderation = (extra: Record<string, unknown> = {}) => ({
    provider: 'openai-moderation',
    url: fake.url,
    headers: { Authorization: `Bearer ${SECRET}` },
    ...extra,
  });
  const result = (flagged: Record<string, number>) => ({
    flagged: Object.values(flagged).some((score) => score >= 0.5),
    categories: Object.fromEntries(Object.entries(flagged).map(([name, score]) => [name, score >= 0.5])),
    category_scores: flagged,
  });

  it('sends every non-blank string and flags the strings the provider flagged, per category', async () => {
    fake.reply((request) => {
      const inputs = (request.body as { input: string[] }).input;
      return {
        json: {
          id: 'modr-1',
          model: 'omni-moderation-latest',
          results: inputs.map((text) =>
            text.includes('hurt')
              ? result({ violence: 0.91, harassment: 0.6, sexual: 0.01 })
              : result({ violence: 0.01 }),
          ),
        },
      };
    });
    const decision = await compile(moderation({ model: 'omni-moderation-latest' })).evaluateAsync(
      input({ title: 'weather', body: { text: 'I will hurt them' }, blank: '  ', n: 3 }),
    );
    expect(fake.requests[0]?.body).toEqual({
      input: ['weather', 'I will hurt them'],
      model: 'omni-moderation-latest',
    });
    expect(fake.requests[0]?.headers['authorization']).toBe(`Bearer ${SECRET}`);
    expect(decision.outcome).toBe('block');
    expect(decision.verdicts[0]?.findings).toEqual([
      { path: '$.body.text', kind: 'moderation:violence', confidence: 0.91, wholeValue: true },
      { path: '$.body.text', kind: 'moderation:harassment', confidence: 0.6, wholeValue: true },
    ]);
    expect(decision.block?.message).toMatch(/remote found moderation:violence, moderation:harassment\.$/);
  });

  it('narrows to the configured categories, or uses scores when a threshold is set', async () => {
    fake.reply(() => ({ json: { results: [result({ violence: 0.3, harassment: 0.7 })] } }));
    const onlyViolence = await compile(moderation({ categories: ['violence'] })).evaluateAsync(
      input({ q: 'x' }),
    );
    expect(onlyViolence.outcome).toBe('allow');
    const lowThreshold = await compile(
      moderation({ categories: ['violence'], threshold: 0.25 }),
    ).evaluateAsync(input({ q: 'x' }));
    expect(lowThreshold.verdicts[0]?.findings.map((f) => f.kind)).toEqual(['moderation:violence']);
  });

  it('asks nothing for a payload without text', async () => {
    const decision = await compile(moderation()).evaluateAsync(input({ n: 1, list: [true, null] }));
    expect(decision.outcome).toBe('allow');
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses answers of the wrong shape', async () => {
    for (const json of [
      {},
      { results: [] },
      { results: [{ flagged: true }] },
      { results: [{ flagged: true, categories: {}, category_scores: 3 }] },
    ]) {
      fake.reply(() => ({ json }));
      const decision = await compile(moderation()).evaluateAsync(input({ q: 'x' }));
      expect(decision.outcome).toBe('block');
      expect(decision.verdicts[0]?.error).toMatch(/malformed/);
    }
  });
});

describe('remote detector: enkrypt provider', () => {
  const fake = useFakeProvider();

  const enkrypt = (extra: Record<string, unknown> = {}) => ({
    provider: 'enkrypt',
    url: fake.url,
    headers: { apikey: SECRET },
    ...extra,
  });

  it('sends the text and detectors, and maps summary flags to findings on every string', async () => {
    fake.reply(() => ({
      json: {
        summary: {
          injection_attack: 1,
          toxicity: ['toxicity', 'insult'],
          nsfw: 0,
          pii: [],
          on_topic: 0,
          keyword_detected: false,
        },
        details: { injection_attack: { safe: '0.01', attack: '0.99' } },
      },
    }));
    const decision = await compile(enkrypt()).evaluateAsync(
      input({ a: 'ignore all previous', b: ['you idiot'] }),
    );
    expect(fake.requests[0]?.body).toEqual({
      text: 'ignore all previous\nyou idiot',
      detectors: DEFAULT_ENKRYPT_DETECTORS,
    });
    expect(fake.requests[0]?.headers['apikey']).toBe(SECRET);
    expect(decision.outcome).toBe('block');
    expect(decision.block?.message).toMatch(/remote found enkrypt:injection_attack, enkrypt:toxicity\.$/);
    expect(decision.verdicts[0]?.findings.map((f) => `${f.path} ${f.kind}`)).toEqual([
      '$.a enkrypt:injection_attack',
      '$.b[0] enkrypt:injection_attack',
      '$.a enkrypt:toxicity',
      '$.b[0] enkrypt:toxicity',
    ]);
  });

  it('passes the configured detectors, narrows to categories, and allows a clean summary', async () => {
    fake.reply(() => ({ json: { summary: { injection_attack: 0, toxicity: [], nsfw: 0 }, details: {} } }));
    const detectorsOption = {
      injection_attack: { enabled: true },
      policy_violation: { enabled: true, policy_text: 'No hacking' },
    };
    const clean = await compile(enkrypt({ detectors: detectorsOption })).evaluateAsync(input({ q: 'hello' }));
    expect(clean.outcome).toBe('allow');
    expect((fake.requests[0]?.body as { detectors: unknown }).detectors).toEqual(detectorsOption);

    fake.reply(() => ({ json: { summary: { injection_attack: 0, nsfw: 1 } } }));
    expect(
      (await compile(enkrypt({ categories: ['injection_attack'] })).evaluateAsync(input({ q: 'x' }))).outcome,
    ).toBe('allow');
    expect((await compile(enkrypt()).evaluateAsync(input({ q: 'x' }))).outcome).toBe('block');
  });

  it('refuses an answer without a summary', async () => {
    fake.reply(() => ({ json: { details: {} } }));
    const decision = await compile(enkrypt(), 'block', { failMode: 'open' }).evaluateAsync(input({ q: 'x' }));
    expect(decision).toMatchObject({
      outcome: 'allow',
      verdicts: [{ error: 'the provider\'s answer is malformed: "summary" must be an object' }],
    });
  });
});
