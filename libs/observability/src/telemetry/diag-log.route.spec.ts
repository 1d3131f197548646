import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createAppLogger } from '../logger.factory';
import { captureConsoleAndStdout } from './console-capture.fixture';
import { DIAG_REPEAT_INTERVAL_MS, DiagLogRoute } from './diag-log.route';

function capturedLogger() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const logger = createAppLogger({ service: 'proxy', level: 'info', streams: { stdout: stream } });
  const records = () =>
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, records };
}

describe(DiagLogRoute.name, () => {
  it('holds diagnostics until a logger is attached, then writes them at warn', () => {
    const route = new DiagLogRoute();
    route.error('export failed', new Error('connect ECONNREFUSED 127.0.0.1:4318'));
    const { logger, records } = capturedLogger();
    route.attach(logger);
    route.warn('dropped 3 spans');
    expect(records()).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: 'OpenTelemetry: export failed Error: connect ECONNREFUSED 127.0.0.1:4318',
        source: 'opentelemetry',
      }),
      expect.objectContaining({ level: 'warn', message: 'OpenTelemetry: dropped 3 spans' }),
    ]);
  });

  it('shortens errors handed over as JSON (stack and all) to their name and message', () => {
    const route = new DiagLogRoute();
    const { logger, records } = capturedLogger();
    route.attach(logger);
    const error = new Error('connect ECONNREFUSED 127.0.0.1:4318');
    route.error(
      JSON.stringify({ stack: error.stack, message: error.message, name: 'Error', code: 'ECONNREFUSED' }),
    );
    expect(records()[0]?.['message']).toBe('OpenTelemetry: Error: connect ECONNREFUSED 127.0.0.1:4318');
  });

  it('writes a repeated message once per interval, then says how many repeats it suppressed', () => {
    let now = 0;
    const route = new DiagLogRoute(() => now);
    const { logger, records } = capturedLogger();
    route.attach(logger);
    for (let i = 0; i < 50; i += 1) route.error('export failed: timeout');
    now += DIAG_REPEAT_INTERVAL_MS;
    route.error('export failed: timeout');
    expect(records().map((record) => record['repeats_suppressed'])).toEqual([undefined, 49]);
  });

  it('never uses the console or stdout of the process', () => {
    const { written } = captureConsoleAndStdout(() => {
      const route = new DiagLogRoute();
      route.error('before the logger');
      route.attach(capturedLogger().logger);
      route.warn('after the logger');
      route.info();
      route.debug();
      route.verbose();
    });
    expect(written).toEqual([]);
  });
});
