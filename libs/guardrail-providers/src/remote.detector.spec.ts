// The remote detector against real local HTTP servers standing in for the providers, run through
// the policy engine as the proxy runs it (timeouts, fail modes, monitor mode): options, the webhook
// provider and sealed header values. The vendor-shaped adapters are in remote.providers.spec.ts.
import { SecretBox } from '@bastion/crypto';
import { BUILT_IN_DETECTORS, CompiledPolicy, PolicyCompileError } from '@bastion/guardrails';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REMOTE_RESPONSE_BYTES } from './http-json';
import { remoteDetectorFactory } from './remote.detector';
import { startFakeProvider, type FakeProvider } from './test/fake-provider.server';
import { compile, input, policy, SECRET, useFakeProvider } from './test/remote-policy.fixture';

describe('remote detector: options', () => {
  const prepare = (options: Record<string, unknown>) => () => remoteDetectorFactory().prepare(options);

  it('refuses bad options at compile time, naming them but never echoing header values', () => {
    expect(prepare({ provider: 'nope', url: 'https://x.example' })).toThrow(
      /options\.provider must be one of: webhook, openai-moderation, enkrypt/,
    );
    expect(prepare({ provider: 'webhook' })).toThrow(/options\.url is required for the webhook provider/);
    expect(prepare({ provider: 'webhook', url: 'ftp://x.example/' })).toThrow(/must use http or https/);
    expect(prepare({ provider: 'webhook', url: 'not a url' })).toThrow(/not a valid URL/);
    expect(prepare({ provider: 'webhook', url: 'https://user:pw@x.example/' })).toThrow(
      /must not carry credentials/,
    );
    expect(prepare({ provider: 'webhook', url: 'https://x.example/', timeoutMs: 30_001 })).toThrow(
      /timeoutMs must be an integer between 1 and 30000/,
    );
    expect(prepare({ provider: 'webhook', url: 'https://x.example/', threshold: 2 })).toThrow(/threshold/);
    expect(prepare({ provider: 'webhook', url: 'https://x.example/', model: 'x' })).toThrow(
      /options\.model is not an option of the webhook provider/,
    );
    expect(prepare({ provider: 'webhook', url: 'https://x.example/', headers: { Host: 'evil' } })).toThrow(
      /sets Host itself/,
    );
    const badValue = prepare({
      provider: 'webhook',
      url: 'https://x.example/',
      headers: { Authorization: `Bearer ${SECRET}\r\nX: y` },
    });
    expect(badValue).toThrow(/header value must be a string/);
    try {
      badValue();
    } catch (error) {
      expect((error as Error).message).not.toContain(SECRET);
    }
  });

  it('fills the default URLs of the hosted providers and accepts the engine options', () => {
    expect(
      prepare({
        provider: 'openai-moderation',
        headers: { Authorization: `Bearer ${SECRET}` },
        categories: ['violence'],
      }),
    ).not.toThrow();
    expect(
      prepare({
        provider: 'enkrypt',
        detectors: { injection_attack: { enabled: true } },
        timeoutMs: 500,
        failMode: 'open',
      }),
    ).not.toThrow();
    expect(() => compile({ provider: 'webhook' })).toThrow(PolicyCompileError);
  });

  it('is asynchronous: the policy needs evaluateAsync', () => {
    const compiled = compile({ provider: 'webhook', url: 'http://127.0.0.1:9/' });
    expect(compiled.hasAsyncRules).toBe(true);
    expect(() => compiled.evaluate(input({ q: 'x' }))).toThrow(/evaluateAsync/);
  });
});

describe('remote detector: webhook provider', () => {
  const fake = useFakeProvider();

  const webhook = (extra: Record<string, unknown> = {}) => ({
    provider: 'webhook',
    url: fake.url,
    headers: { Authorization: `Bearer ${SECRET}` },
    ...extra,
  });

  it('posts direction, tool and payload with the configured headers, and allows what is not flagged', async () => {
    fake.reply(() => ({ json: { flagged: false, findings: [{ path: '$.q', kind: 'ignored' }] } }));
    const decision = await compile(webhook()).evaluateAsync(input({ q: 'hello' }, 'output'));
    expect(decision).toMatchObject({
      outcome: 'allow',
      payload: { q: 'hello' },
      verdicts: [{ fired: false, findings: [] }],
    });
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/check',
      body: { direction: 'output', tool: 'search', payload: { q: 'hello' } },
    });
    expect(request?.headers['authorization']).toBe(`Bearer ${SECRET}`);
    expect(request?.headers['content-type']).toBe('application/json');
  });

  it('blocks on findings, naming their kinds, and redacts their spans', async () => {
    fake.reply(() => ({
      json: {
        flagged: true,
        findings: [
          { path: '$.q', kind: 'toxicity', confidence: 0.9, start: 6, end: 11 },
          { path: '$.list[0]', kind: 'custom:thing' },
        ],
      },
    }));
    const blocked = await compile(webhook()).evaluateAsync(input({ q: 'hello world', list: ['a'] }));
    expect(blocked.outcome).toBe('block');
    expect(blocked.block?.message).toBe(
      'Blocked by guardrail policy "remote-policy", rule 1: remote found toxicity, custom:thing.',
    );
    expect(blocked.verdicts[0]?.findings).toEqual([
      { path: '$.q', kind: 'toxicity', confidence: 0.9, span: { start: 6, end: 11 } },
      { path: '$.list[0]', kind: 'custom:thing', confidence: 1, wholeValue: true },
    ]);
    const redacted = await compile(webhook(), 'redact').evaluateAsync(
      input({ q: 'hello world', list: ['a'] }),
    );
    expect(redacted).toMatchObject({
      outcome: 'allow',
      payload: { q: 'hello [REDACTED:toxicity]', list: ['[REDACTED:custom:thing]'] },
    });
  });

  it('flags every string when flagged without findings, and drops findings under the threshold', async () => {
    fake.reply(() => ({ json: { flagged: true } }));
    const decision = await compile(webhook(), 'redact').evaluateAsync(input({ a: 'x', b: { c: 'y' }, n: 1 }));
    expect(decision.payload).toEqual({
      a: '[REDACTED:webhook:flagged]',
      b: { c: '[REDACTED:webhook:flagged]' },
      n: 1,
    });

    fake.reply(() => ({ json: { flagged: true, findings: [{ path: '$', kind: 'whole' }] } }));
    const whole = await compile(webhook(), 'redact').evaluateAsync(input({ a: 'x', n: 1 }));
    expect(whole.payload).toEqual({ a: '[REDACTED:whole]', n: 1 });

    fake.reply(() => ({
      json: { flagged: true, findings: [{ path: '$.a', kind: 'maybe', confidence: 0.4 }] },
    }));
    const low = await compile(webhook({ threshold: 0.5 })).evaluateAsync(input({ a: 'x' }));
    expect(low.outcome).toBe('allow');
  });

  it('fails closed on a timeout: blocks without waiting for the slow answer', async () => {
    fake.reply(() => ({ delayMs: 1_500, json: { flagged: false } }));
    const started = Date.now();
    const decision = await compile(webhook({ timeoutMs: 100 })).evaluateAsync(input({ q: 'x' }));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(decision.outcome).toBe('block');
    expect(decision.block?.message).toMatch(/the remote detector failed and the policy fails closed/);
    expect(decision.verdicts[0]?.error).toMatch(/timed out after 100 ms|did not answer within 100 ms/);
  });

  it('fails open on a timeout when the policy says so, recording the error', async () => {
    fake.reply(() => ({ delayMs: 1_500, json: { flagged: true } }));
    const decision = await compile(webhook({ timeoutMs: 100 }), 'block', { failMode: 'open' }).evaluateAsync(
      input({ q: 'x' }),
    );
    expect(decision.outcome).toBe('allow');
    expect(decision.verdicts[0]).toMatchObject({ fired: false, findings: [] });
    expect(decision.verdicts[0]?.error).toMatch(/timed out after 100 ms|did not answer within 100 ms/);
  });

  it('lets the rule’s failMode override the policy’s', async () => {
    fake.reply(() => ({ status: 503, json: { error: 'down' } }));
    const ruleOpen = await compile(webhook({ failMode: 'open' }), 'block', {
      failMode: 'closed',
    }).evaluateAsync(input({ q: 'x' }));
    expect(ruleOpen).toMatchObject({
      outcome: 'allow',
      verdicts: [{ error: 'the provider answered HTTP 503' }],
    });
    const ruleClosed = await compile(webhook({ failMode: 'closed' }), 'warn', {
      failMode: 'open',
    }).evaluateAsync(input({ q: 'x' }));
    expect(ruleClosed.outcome).toBe('block');
    expect(ruleClosed.block?.message).toMatch(/failed and the rule fails closed/);
  });

  it('treats malformed answers as failures, saying what is wrong', async () => {
    const cases: Array<[Parameters<FakeProvider['reply']>[0], RegExp]> = [
      [() => ({ raw: 'not json {' }), /the provider's answer is not JSON/],
      [() => ({ json: { flagged: 'yes' } }), /malformed: "flagged" must be a boolean/],
      [() => ({ json: [1, 2] }), /malformed: "flagged" must be a boolean/],
      [() => ({ json: { flagged: true, findings: {} } }), /malformed: "findings" must be a list/],
      [
        () => ({ json: { flagged: true, findings: [{ path: 'q', kind: 'x' }] } }),
        /findings\[0\]\.path must be a JSONPath/,
      ],
      [
        () => ({ json: { flagged: true, findings: [{ path: '$.q', kind: 'has spaces' }] } }),
        /findings\[0\]\.kind/,
      ],
      [
        () => ({ json: { flagged: true, findings: [{ path: '$.q', kind: 'k', start: 5, end: 2 }] } }),
        /start and \.end/,
      ],
      [
        () => ({ json: { flagged: true, findings: [{ path: '$.q', kind: 'k', confidence: 7 }] } }),
        /confidence must be between 0 and 1/,
      ],
      [() => ({ raw: '' }), /not JSON/],
    ];
    for (const [reply, error] of cases) {
      fake.reply(reply);
      const closed = await compile(webhook()).evaluateAsync(input({ q: 'x' }));
      expect(closed.outcome).toBe('block');
      expect(closed.verdicts[0]?.error).toMatch(error);
      const open = await compile(webhook(), 'block', { failMode: 'open' }).evaluateAsync(input({ q: 'x' }));
      expect(open.outcome).toBe('allow');
    }
  });

  it('refuses answers over 1 MiB, with or without a Content-Length', async () => {
    const huge = JSON.stringify({ flagged: false, pad: 'x'.repeat(MAX_REMOTE_RESPONSE_BYTES) });
    for (const chunked of [false, true]) {
      fake.reply(() => ({ raw: huge, chunked }));
      const decision = await compile(webhook()).evaluateAsync(input({ q: 'x' }));
      expect(decision.outcome).toBe('block');
      expect(decision.verdicts[0]?.error).toBe(
        `the provider's answer is over ${MAX_REMOTE_RESPONSE_BYTES} bytes`,
      );
    }
    fake.reply(() => ({ json: { flagged: false, pad: 'x'.repeat(1_000) } }));
    expect((await compile(webhook()).evaluateAsync(input({ q: 'x' }))).outcome).toBe('allow');
  });

  it('keeps the URL and header values out of errors, and refuses redirects', async () => {
    fake.reply(() => ({ status: 302, headers: { location: 'http://127.0.0.1:9/elsewhere' } }));
    const redirected = await compile(webhook()).evaluateAsync(input({ q: 'x' }));
    expect(redirected.outcome).toBe('block');
    expect(redirected.verdicts[0]?.error).toMatch(/the provider could not be reached|HTTP 302/);
    const closedPort = await compile(webhook({ url: 'http://127.0.0.1:9/check?key=abc' })).evaluateAsync(
      input({ q: 'x' }),
    );
    expect(closedPort.verdicts[0]?.error).toMatch(/^the provider could not be reached/);
    for (const decision of [redirected, closedPort]) {
      const recorded = JSON.stringify(decision);
      expect(recorded).not.toContain(SECRET);
      expect(recorded).not.toContain('127.0.0.1');
      expect(recorded).not.toContain('key=abc');
    }
  });

  it('only records in monitor mode', async () => {
    fake.reply(() => ({ json: { flagged: true } }));
    const decision = await compile(webhook(), 'block', { mode: 'monitor' }).evaluateAsync(input({ q: 'x' }));
    expect(decision).toMatchObject({ outcome: 'allow', monitorOnly: true, verdicts: [{ fired: true }] });
  });
});

describe('remote detector: sealed header values', () => {
  let fake: FakeProvider;
  const box = new SecretBox(randomBytes(32));
  const sealedDetectors = new Map([
    ...BUILT_IN_DETECTORS,
    ['remote', remoteDetectorFactory(fetch, { openHeader: (stored) => box.open(stored) })],
  ]);
  const compileSealed = (options: Record<string, unknown>) =>
    CompiledPolicy.compile(policy([{ action: 'block', options }]), sealedDetectors);
  beforeAll(async () => {
    fake = await startFakeProvider(() => ({ json: { flagged: false } }));
  });
  afterAll(() => fake.close());

  it('opens each stored value when the policy compiles and sends the real one', async () => {
    const long = 'k'.repeat(8_000); // sealed, it is longer than a header value may be; opened, it is fine
    const compiled = compileSealed({
      provider: 'webhook',
      url: fake.url,
      headers: { Authorization: box.seal(`Bearer ${SECRET}`), 'X-Long': box.seal(long) },
    });
    expect((await compiled.evaluateAsync(input({ q: 'x' }))).outcome).toBe('allow');
    const [request] = fake.requests;
    expect(request?.headers['authorization']).toBe(`Bearer ${SECRET}`);
    expect(request?.headers['x-long']).toBe(long);
  });

  it('refuses to compile a value it cannot open, without quoting it', () => {
    const foreign = new SecretBox(randomBytes(32)).seal(`Bearer ${SECRET}`);
    const compileForeign = () =>
      compileSealed({ provider: 'webhook', url: fake.url, headers: { Authorization: foreign } });
    expect(compileForeign).toThrow(PolicyCompileError);
    expect(compileForeign).toThrow(/options\.headers could not be opened/);
    try {
      compileForeign();
    } catch (error) {
      expect((error as Error).message).not.toContain(foreign);
      expect((error as Error).message).not.toContain(SECRET);
    }
  });
});
