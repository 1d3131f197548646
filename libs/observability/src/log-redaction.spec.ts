import { describe, expect, it } from 'vitest';
import { REDACTED, isSecretFieldName, redactFields, redactValue, scrubText } from './log-redaction';
import { leaks, pemBlock, randomText, secretSamples } from './secret-samples.fixture';

const SAMPLES = secretSamples();
const TOKEN = SAMPLES[0][2];

describe(scrubText.name, () => {
  it.each(SAMPLES)('replaces a %s with [REDACTED:<kind>]', (_name, text, secret) => {
    const out = scrubText(`before ${text} after`);
    expect(leaks(out, secret)).toBe(false);
    expect(out).toMatch(/\[REDACTED:[a-z0-9-]+\]/);
    expect(out.startsWith('before ')).toBe(true);
  });

  it('leaves ordinary text, ids and hashes alone', () => {
    const text =
      'tools/call echo__add for project 550e8400-e29b-41d4-a716-446655440000 took 12 ms ' +
      `(commit ${randomText('0123456789abcdef', 40)}), the bearer of this letter`;
    expect(scrubText(text)).toBe(text);
  });

  it('is idempotent', () => {
    const once = scrubText(SAMPLES.map(([, text]) => text).join(' | '));
    expect(scrubText(once)).toBe(once);
  });

  it('caps a long string and still finds a secret in the scanned margin', () => {
    const long = 'x'.repeat(8190) + ' ' + TOKEN + ' ' + 'y'.repeat(20_000);
    const out = scrubText(long);
    expect(out.length).toBeLessThan(8300);
    expect(out).toContain('[truncated, ');
    expect(leaks(out, TOKEN)).toBe(false);
  });

  it('redacts a PEM block cut off by the cap to its end', () => {
    const out = scrubText('k'.repeat(8000) + pemBlock());
    expect(leaks(out, pemBlock().split('\n')[1])).toBe(false);
  });
});

describe(isSecretFieldName.name, () => {
  it.each([
    'Authorization',
    'proxy-authorization',
    'Cookie',
    'Set-Cookie',
    'X-Api-Key',
    'mcp-session-id',
    'x-amz-security-token',
    'password',
    'clientSecret',
    'api_key',
    'accessToken',
    'private_key',
    'connectionString',
    'credentials',
  ])('%s holds a secret', (name) => expect(isSecretFieldName(name)).toBe(true));

  it.each([
    'content-type',
    'accept',
    'max_tokens',
    'secretName',
    'key_id',
    'request_id',
    'nextPageToken',
    'tool',
  ])('%s does not', (name) => expect(isSecretFieldName(name)).toBe(false));
});

describe(redactValue.name, () => {
  it('masks sensitive keys at any depth, whatever the value type', () => {
    const out = redactValue({
      a: {
        b: {
          c: { d: { e: { password: 'hunter22', apiKey: 12345, credentials: { user: 'u', pass: 'p' } } } },
        },
      },
      list: [{ client_secret: 'cs', name: 'ok' }],
    });
    expect(out).toEqual({
      a: { b: { c: { d: { e: { password: REDACTED, apiKey: REDACTED, credentials: REDACTED } } } } },
      list: [{ client_secret: REDACTED, name: 'ok' }],
    });
  });

  it('masks denylisted headers in plain header maps, Maps, fetch Headers and raw header arrays', () => {
    const bearer = `Bearer ${randomText('abcdefghijklmnopqrstuvwxyz0123456789', 40)}`;
    const headers = {
      authorization: bearer,
      'x-api-key': 'k-1',
      cookie: 'sid=1',
      'mcp-session-id': 's',
      accept: '*/*',
    };
    expect(redactValue({ headers })).toEqual({
      headers: {
        authorization: REDACTED,
        'x-api-key': REDACTED,
        cookie: REDACTED,
        'mcp-session-id': REDACTED,
        accept: '*/*',
      },
    });
    expect(redactValue(new Map(Object.entries(headers)))).toMatchObject({
      authorization: REDACTED,
      accept: '*/*',
    });
    expect(redactValue(new Headers(headers))).toMatchObject({
      authorization: REDACTED,
      'x-api-key': REDACTED,
      accept: '*/*',
    });
    expect(
      redactValue({ rawHeaders: ['Authorization', bearer, 'X-Custom-Token', 'abc', 'Accept', '*/*'] }),
    ).toEqual({
      rawHeaders: ['Authorization', REDACTED, 'X-Custom-Token', REDACTED, 'Accept', '*/*'],
    });
  });

  it.each(SAMPLES)('scrubs a %s from a string nested anywhere', (_name, text, secret) => {
    const out = JSON.stringify(
      redactValue({
        params: { arguments: { notes: [`see ${text}`] } },
        url: new URL('https://example.com/cb'),
      }),
    );
    expect(leaks(out, secret)).toBe(false);
  });

  it('turns errors into {name, message} with the message scrubbed, and no stack unless asked', () => {
    const error = Object.assign(new TypeError(`upstream rejected ${TOKEN}`), {
      code: 'E_UPSTREAM',
      config: { headers: { authorization: 'Bearer x' } },
    });
    expect(redactValue(error)).toEqual({
      name: 'TypeError',
      message: 'upstream rejected [REDACTED:github-token]',
      code: 'E_UPSTREAM',
    });
    const withStack = redactValue(error, { stacks: true }) as { stack: string };
    expect(withStack.stack).toContain('TypeError: upstream rejected [REDACTED:github-token] | at ');
    expect(withStack.stack).not.toMatch(/[\r\n]/);
  });

  it('follows error causes, scrubbed too', () => {
    const error = new Error('outer', { cause: new Error(`inner ${TOKEN}`) });
    expect(redactValue(error)).toEqual({
      name: 'Error',
      message: 'outer',
      cause: { name: 'Error', message: 'inner [REDACTED:github-token]' },
    });
  });

  it('survives cycles, bigints, buffers, functions and deep nesting', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 20; i += 1) deep = { deeper: deep };
    const out = redactValue({ cyclic, n: 10n, buf: Buffer.from('secret bytes'), fn: () => 1, deep });
    expect(out).toMatchObject({
      cyclic: { a: 1, self: '[Circular]' },
      n: '10',
      buf: '[binary, 12 bytes]',
      fn: '[function]',
    });
    expect(JSON.stringify(out)).toContain('[TRUNCATED]');
  });

  it('caps arrays and objects', () => {
    const out = redactValue({
      list: Array.from({ length: 500 }, (_, i) => i),
      wide: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])),
    }) as {
      list: unknown[];
      wide: Record<string, unknown>;
    };
    expect(out.list).toHaveLength(101);
    expect(out.list.at(-1)).toBe('[400 more items]');
    expect(Object.keys(out.wide)).toHaveLength(201);
  });

  it('neutralizes control characters in keys and values', () => {
    expect(redactValue({ 'a\nb': 'c\r\nd\u001b[2Je\u0000' })).toEqual({ 'a b': 'c de\uFFFD' });
  });
});

describe(redactFields.name, () => {
  it('exempts trusted top-level keys from masking by name, but not from the content scan', () => {
    const trusted = new Set(['session_id']);
    expect(
      redactFields({ session_id: 'sid-1', nested: { session_id: 'x' } }, { trustedKeys: trusted }),
    ).toEqual({
      session_id: 'sid-1',
      nested: { session_id: REDACTED },
    });
    expect(redactFields({ session_id: TOKEN }, { trustedKeys: trusted })).toEqual({
      session_id: '[REDACTED:github-token]',
    });
  });
});
