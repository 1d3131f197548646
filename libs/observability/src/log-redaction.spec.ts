import { describe, expect, it } from 'vitest';
import { redactValue, scrubText } from './log-redaction';

describe(redactValue.name, () => {
  it('masks sensitive keys at any depth and in any casing', () => {
    const out = redactValue({
      headers: { Authorization: 'Bearer abcdefghijkl', 'X-Api-Key': 'k', accept: 'json' },
      nested: [{ clientSecret: 's', api_key: 'a', Password: 'p', name: 'ok' }],
    });
    expect(out).toEqual({
      headers: { Authorization: '[REDACTED]', 'X-Api-Key': '[REDACTED]', accept: 'json' },
      nested: [{ clientSecret: '[REDACTED]', api_key: '[REDACTED]', Password: '[REDACTED]', name: 'ok' }],
    });
  });

  it('scrubs keys, bearer tokens and URL passwords from text', () => {
    const text = scrubText(
      'key bgw_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 auth Bearer eyJhbGciOi.x.y db postgresql://u:P@ss@h/db',
    );
    expect(text).not.toMatch(/AbCdEfGh|eyJhbGciOi|P@ss/);
    expect(text).toContain('bgw_[REDACTED]');
  });

  it('cannot be used to forge a log line', () => {
    const scrubbed = scrubText('ok\r\n{"level":"error","message":"forged"}\u001b[31m');
    for (const forbidden of ['\r', '\n', '\u001b']) expect(scrubbed).not.toContain(forbidden);
  });

  it('keeps errors readable without their stack', () => {
    expect(redactValue(new Error('boom bgw_AbCdEfGhIjKlMnOp'))).toEqual({
      name: 'Error',
      message: 'boom bgw_[REDACTED]',
    });
  });
});
