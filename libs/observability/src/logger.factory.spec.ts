import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { withLogContext } from './log-context';
import { LogFileError } from './log-destination';
import { childLogger, LOG_FIELDS } from './log-fields';
import { LogLevelControl } from './log-level.control';
import { createAppLogger, type AppLogger, type LoggerOptions } from './logger.factory';
import { leaks, randomText, secretSamples } from './secret-samples.fixture';

const dir = mkdtempSync(join(tmpdir(), 'bastion-logs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;
const freshFile = () => join(dir, `app-${(fileCount += 1)}.log`);

/** Every line of the file, each parsed as one JSON record (a line that does not parse fails the test). */
function records(file: string): Array<Record<string, any>> {
  const text = readFileSync(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, any>);
}

/** Resolves once the logger has handed every record to its transport (the file writes are synchronous). */
function flushed(logger: AppLogger): Promise<void> {
  return new Promise((resolve) => {
    logger.once('finish', () => resolve());
    logger.end();
  });
}

function fileLogger(options: Partial<LoggerOptions> = {}) {
  const file = freshFile();
  const logger = createAppLogger({ service: 'api', level: 'info', file, ...options });
  return { file, logger, read: async () => (await flushed(logger), records(file)) };
}

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

describe('log records', () => {
  it('are one JSON object per line with timestamp, level, message and service', async () => {
    const { logger, read } = fileLogger();
    logger.info('hello', { [LOG_FIELDS.server]: 'echo' });
    expect(await read()).toEqual([
      {
        timestamp: expect.any(String),
        level: 'info',
        message: 'hello',
        service: 'bastion-api',
        server: 'echo',
      },
    ]);
  });

  it('cannot be forged with CR/LF, ANSI escapes, NUL or Unicode line separators in any value', async () => {
    const forged = '{"level":"error","message":"admin login","service":"bastion-api"}';
    const evil = [
      `ok\n${forged}`,
      `ok\r\n${forged}`,
      `ok\r${forged}`,
      `ok\u2028${forged}\u2029`,
      `ok\u0085${forged}`,
      `\u001b[2K\u001b[1Gfake line\u001b[0m`,
      `\u001b]0;title\u0007osc`,
      `nul\u0000byte\u0007bell\u0008bs\u007fdel\u009bcsi`,
      `bidi \u202eoverride\u202c`,
    ];
    const { logger, read } = fileLogger();
    for (const value of evil) {
      logger.info(value, { field: value, nested: { list: [value] }, [value]: 'as a key' });
      logger.warn('error message', { error: new Error(value) });
    }
    const lines = await read();
    expect(lines).toHaveLength(evil.length * 2);
    const allText = JSON.stringify(lines);
    // eslint-disable-next-line no-control-regex
    expect(allText).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]|\\u00[01]|\\[rnt]/);
    for (const record of lines) expect(['info', 'warn']).toContain(record['level']);
  });

  it.each(secretSamples())(
    'never carry a %s: message, fields, nested objects, errors',
    async (_name, text, secret) => {
      const { logger, read } = fileLogger({ level: 'debug' });
      logger.info(`calling upstream with ${text}`);
      logger.info('call', { detail: text, request: { params: { arguments: { note: `x ${text} y` } } } });
      logger.error('failed', { error: new Error(`upstream said ${text}`) });
      logger.error(new Error(`thrown ${text}`));
      childLogger(logger, { requestId: 'r-1' }).warn('child', { error: new Error(text) });
      logger.capture('debug', 'payload', { result: { content: [{ type: 'text', text }] } });
      const lines = await read();
      expect(lines).toHaveLength(6);
      expect(leaks(JSON.stringify(lines), secret)).toBe(false);
    },
  );

  it('mask credential headers and keys by name', async () => {
    const { logger, read } = fileLogger();
    logger.info('upstream request', {
      headers: { Authorization: 'Token abc', 'X-Api-Key': 'k', 'Proxy-Authorization': 'p', Accept: 'json' },
      password: 'hunter22',
      body: { clientSecret: 's', items: [{ refresh_token: 'r' }] },
    });
    const [record] = await read();
    expect(record).toMatchObject({
      headers: {
        Authorization: '[REDACTED]',
        'X-Api-Key': '[REDACTED]',
        'Proxy-Authorization': '[REDACTED]',
        Accept: 'json',
      },
      password: '[REDACTED]',
      body: { clientSecret: '[REDACTED]', items: [{ refresh_token: '[REDACTED]' }] },
    });
  });

  it('log errors as {name, message}; stack traces only at debug, scrubbed and on one line', async () => {
    const token = secretSamples()[0][2];
    const { logger, read } = fileLogger();
    const control = new LogLevelControl(logger);
    logger.error('failed', { error: new Error(`boom ${token}`) });
    logger.error(new Error(`thrown ${token}`));
    control.set('debug');
    logger.error('failed', { error: new Error(`boom ${token}`) });
    logger.error('from Nest', { stack: `Error: x ${token}\n    at f (a.ts:1:1)` });
    const [plain, thrown, debug, nest] = await read();
    expect(plain['error']).toEqual({ name: 'Error', message: 'boom [REDACTED:github-token]' });
    expect(thrown).toMatchObject({ message: 'thrown [REDACTED:github-token]', service: 'bastion-api' });
    expect(thrown['error']).toEqual({ name: 'Error', message: 'thrown [REDACTED:github-token]' });
    expect(debug['error']['stack']).toMatch(/^Error: boom \[REDACTED:github-token\] \| at /);
    expect(nest['stack']).toBe('Error: x [REDACTED:github-token] | at f (a.ts:1:1)');
  });

  it('cap each string at 8 KiB and the whole record at 64 KiB', async () => {
    const { logger, read } = fileLogger();
    logger.info('x'.repeat(20_000), { small: 'kept', [LOG_FIELDS.requestId]: 'r-1' });
    logger.info(
      'wide',
      Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, 'y'.repeat(8000)])),
    );
    logger.info(
      'very wide',
      Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`g${i}`, 'z'.repeat(1000)])),
    );
    const [long, wide, veryWide] = await read();
    expect(JSON.stringify(veryWide).length).toBeLessThanOrEqual(64 * 1024);
    expect(veryWide).toMatchObject({
      message: 'very wide',
      service: 'bastion-api',
      truncated: expect.any(Object),
    });
    expect(long['message'].length).toBeLessThan(8300);
    expect(long).toMatchObject({ small: 'kept', request_id: 'r-1' });
    expect(JSON.stringify(wide).length).toBeLessThanOrEqual(64 * 1024);
    expect(wide).toMatchObject({
      message: 'wide',
      truncated: { dropped_fields: expect.arrayContaining(['f0', 'f11']) },
    });
  });

  it('carry the ambient context fields, explicit fields winning', async () => {
    const { logger, read } = fileLogger();
    await withLogContext({ requestId: 'req-1', keyId: 'key-1' }, async () => {
      await Promise.resolve();
      logger.info('inside');
      childLogger(logger, { sessionId: 'sid-1', projectId: 'p-1' }).info('child', {
        [LOG_FIELDS.keyId]: 'key-2',
      });
    });
    logger.info('outside');
    const [inside, child, outside] = await read();
    expect(inside).toMatchObject({ request_id: 'req-1', key_id: 'key-1' });
    expect(child).toMatchObject({
      request_id: 'req-1',
      key_id: 'key-2',
      session_id: 'sid-1',
      project_id: 'p-1',
    });
    expect(outside).not.toHaveProperty('request_id');
  });
});

describe('payload capture', () => {
  it('attaches payloads only at debug, redacted and cut to 4 KiB', async () => {
    const { logger, read } = fileLogger();
    const control = new LogLevelControl(logger);
    const payload = { method: 'tools/call', params: { arguments: { api_key: 'k-123456', text: 'hello' } } };
    logger.capture('info', 'tool call', payload);
    control.set('debug');
    logger.capture('info', 'tool call', payload);
    logger.capture('debug', 'big result', { text: randomText('abcdef ', 10_000) });
    const [without, withPayload, big] = await read();
    expect(without).not.toHaveProperty('payload');
    expect(withPayload['payload']).toEqual({
      method: 'tools/call',
      params: { arguments: { api_key: '[REDACTED]', text: 'hello' } },
    });
    expect(big).toMatchObject({ payload_truncated: true });
    expect(Buffer.byteLength(big['payload'])).toBeLessThanOrEqual(4096);
  });
});

describe('LOG_FILE', () => {
  it('appends to an existing file and creates a missing one (owner-only)', async () => {
    const file = freshFile();
    expect(existsSync(file)).toBe(false);
    const first = createAppLogger({ service: 'api', level: 'info', file });
    first.info('one');
    await flushed(first);
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    const second = createAppLogger({ service: 'proxy', level: 'info', file });
    second.info('two');
    await flushed(second);
    expect(records(file).map((r) => [r['service'], r['message']])).toEqual([
      ['bastion-api', 'one'],
      ['bastion-proxy', 'two'],
    ]);
  });

  it('keeps what was in the file', async () => {
    const file = freshFile();
    writeFileSync(file, '{"message":"earlier"}\n');
    const logger = createAppLogger({ service: 'api', level: 'info', file });
    logger.info('later');
    await flushed(logger);
    expect(records(file).map((r) => r['message'])).toEqual(['earlier', 'later']);
  });

  it('fails clearly when its directory does not exist', () => {
    const file = join(dir, 'missing', 'app.log');
    expect(() => createAppLogger({ service: 'api', level: 'info', file })).toThrow(LogFileError);
    expect(() => createAppLogger({ service: 'api', level: 'info', file })).toThrow(
      /directory .*missing does not exist/,
    );
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('fails clearly when it is not a writable file', () => {
    expect(() => createAppLogger({ service: 'api', level: 'info', file: dir })).toThrow(
      /cannot open .* for appending \(EISDIR\)/,
    );
  });

  it('`stderr` writes to stderr and never stdout', async () => {
    const stdout = capture();
    const stderr = capture();
    const logger = createAppLogger({
      service: 'api',
      level: 'info',
      file: 'stderr',
      streams: { stdout: stdout.stream, stderr: stderr.stream },
    });
    logger.info('to stderr');
    await flushed(logger);
    expect(stdout.text()).toBe('');
    expect(JSON.parse(stderr.text())).toMatchObject({ message: 'to stderr' });
  });

  it('unset: stdout, except for the stdio bridge, whose stdout is the protocol', async () => {
    for (const service of ['api', 'stdio'] as const) {
      const stdout = capture();
      const stderr = capture();
      const logger = createAppLogger({
        service,
        level: 'debug',
        streams: { stdout: stdout.stream, stderr: stderr.stream },
      });
      logger.debug('hello', { error: new Error('x') });
      await flushed(logger);
      const [written, silent] = service === 'api' ? [stdout, stderr] : [stderr, stdout];
      expect(JSON.parse(written.text())).toMatchObject({ message: 'hello', service: `bastion-${service}` });
      expect(silent.text()).toBe('');
    }
  });
});
