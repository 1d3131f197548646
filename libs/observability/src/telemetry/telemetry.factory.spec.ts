/**
 * startTelemetry in this process, with the real OTLP/HTTP exporters sending to a local receiver on
 * 127.0.0.1 (or to a closed port, or to a collector that never answers). Instrumentations stay off
 * here (`instrument: false`: modules of the test runner are not patched); every test shuts telemetry
 * down, which puts the OpenTelemetry API back to its no-op state for the next one.
 */
import { startOtlpReceiver, type OtlpReceiver } from '@bastion/testing';
import { context, diag, trace, TraceFlags } from '@opentelemetry/api';
import { createServer, type AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppLogger } from '../logger.factory';
import { telemetryInstrumentations } from './instrumentations.config';
import { captureConsoleAndStdout } from './console-capture.fixture';
import { ATTR_SERVICE_INSTANCE_ID } from './span-names';
import { startTelemetry, type Telemetry, type TelemetryOptions } from './telemetry.factory';
import { loadSdkModules } from './telemetry-sdk.modules';

const BASE: TelemetryOptions = {
  serviceName: 'bastion-proxy',
  serviceVersion: '1.2.3',
  logLevel: 'info',
  instrument: false,
};

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

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const sdkLoaded = () => Object.keys(require.cache).some((path) => path.includes('/@opentelemetry/sdk-node/'));

describe(startTelemetry.name, () => {
  let receiver: OtlpReceiver;
  let telemetry: Telemetry | undefined;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
  });
  afterEach(async () => {
    await telemetry?.shutdown(1_000);
    telemetry = undefined;
    vi.unstubAllEnvs();
  });
  afterAll(() => receiver.close());

  it('without an endpoint starts nothing: no SDK loaded, no exporter, spans are no-ops', async () => {
    telemetry = startTelemetry({ ...BASE, otlpEndpoint: undefined });
    expect(telemetry.enabled).toBe(false);
    const span = trace.getTracer('test').startSpan('work');
    expect(span.isRecording()).toBe(false);
    span.end();
    telemetry.attachLogger(capturedLogger().logger);
    await telemetry.shutdown();
    expect(sdkLoaded()).toBe(false);
    expect(receiver.requests).toEqual([]);
  });

  it('exports spans named by service, version and instance, and logs correlated to the active span', async () => {
    telemetry = startTelemetry({ ...BASE, otlpEndpoint: receiver.url, instanceId: 'worker-7' });
    const { logger, records } = capturedLogger();
    telemetry.attachLogger(logger);
    const ids = trace.getTracer('test').startActiveSpan('work', (span) => {
      logger.info('inside', { key_id: 'key-1' });
      span.end();
      return span.spanContext();
    });
    logger.info('outside');
    await telemetry.shutdown(5_000);

    const span = receiver.spans.find((candidate) => candidate.name === 'work');
    expect(span).toMatchObject({ traceId: ids.traceId, spanId: ids.spanId });
    expect(span?.resource).toMatchObject({
      'service.name': 'bastion-proxy',
      'service.version': '1.2.3',
      [ATTR_SERVICE_INSTANCE_ID]: 'worker-7',
    });
    // The line written locally and the exported record carry the ids under the LOG_FIELDS names.
    const [inside, outside] = records();
    expect(inside).toMatchObject({ message: 'inside', trace_id: ids.traceId, span_id: ids.spanId });
    expect(outside).not.toHaveProperty('trace_id');
    const exported = receiver.logs.find((record) => record.body === 'inside');
    expect(exported).toMatchObject({ traceId: ids.traceId, spanId: ids.spanId, severityText: 'info' });
    expect(exported?.attributes).toMatchObject({ trace_id: ids.traceId, key_id: 'key-1' });
    expect(receiver.requests.map((request) => request.contentType)).toContain('application/json');
  });

  it('keeps trace_id and span_id through both redaction layers, secrets still masked', () => {
    telemetry = startTelemetry({ ...BASE, otlpEndpoint: receiver.url });
    const { logger, records } = capturedLogger();
    // Ids that are all letters of the hex alphabet, the shape a content scanner might mistake for a token.
    const remote = trace.wrapSpanContext({
      traceId: 'abcdefabcdefabcdefabcdefabcdefab',
      spanId: 'fedcbafedcbafedc',
      traceFlags: TraceFlags.SAMPLED,
    });
    context.with(trace.setSpan(context.active(), remote), () =>
      logger.info('call', { authorization: 'Bearer abc.def.ghi', password: 'hunter2' }),
    );
    expect(records()[0]).toMatchObject({
      trace_id: 'abcdefabcdefabcdefabcdefabcdefab',
      span_id: 'fedcbafedcbafedc',
      authorization: '[REDACTED]',
      password: '[REDACTED]',
    });
  });

  it('routes OpenTelemetry diagnostics into the app logger at warn, never to the console or stdout', () => {
    // Given OTEL_LOG_LEVEL, NodeSDK would install a console diagnostics logger in place of ours.
    vi.stubEnv('OTEL_LOG_LEVEL', 'debug');
    const { logger, records } = capturedLogger();
    const { written } = captureConsoleAndStdout(() => {
      telemetry = startTelemetry({ ...BASE, otlpEndpoint: receiver.url });
      diag.error('before the logger exists');
      telemetry.attachLogger(logger);
      diag.warn('collector slow');
      diag.info('chatter');
    });
    expect(written).toEqual([]);
    expect(process.env['OTEL_LOG_LEVEL']).toBe('debug'); // hidden from NodeSDK only while it is built
    expect(records().map((record) => [record['level'], record['message']])).toEqual([
      ['warn', 'OpenTelemetry: before the logger exists'],
      ['warn', 'OpenTelemetry: collector slow'],
    ]);
  });

  it('with nothing listening at the endpoint, spans cost no waiting and shutdown returns within its timeout', async () => {
    telemetry = startTelemetry({ ...BASE, otlpEndpoint: await closedPortUrl() });
    const { logger } = capturedLogger();
    telemetry.attachLogger(logger);
    const tracer = trace.getTracer('test');
    const spanning = await timed(async () => {
      for (let i = 0; i < 1_000; i += 1) tracer.startSpan('work').end();
      await Promise.resolve();
    });
    expect(spanning).toBeLessThan(500);
    expect(await timed(() => telemetry!.shutdown(1_000))).toBeLessThan(1_500);
  });

  it('with a collector that never answers, shutdown still returns within its timeout', async () => {
    const hanging = await startOtlpReceiver({ hang: true });
    try {
      telemetry = startTelemetry({ ...BASE, otlpEndpoint: hanging.url });
      trace.getTracer('test').startSpan('work').end();
      expect(await timed(() => telemetry!.shutdown(1_000))).toBeLessThan(1_500);
      expect(hanging.requests.length).toBeGreaterThan(0);
    } finally {
      await hanging.close();
    }
  });
});

describe(telemetryInstrumentations.name, () => {
  it('keeps http, express, nestjs-core, pg and ioredis; leaves fs, dns, net, undici and winston off', () => {
    const instrumentations = telemetryInstrumentations(loadSdkModules());
    try {
      const names = instrumentations.map((instrumentation) => instrumentation.instrumentationName);
      for (const kept of ['http', 'express', 'nestjs-core', 'pg', 'ioredis'])
        expect(names).toContain(`@opentelemetry/instrumentation-${kept}`);
      for (const off of ['fs', 'dns', 'net', 'undici', 'winston'])
        expect(names).not.toContain(`@opentelemetry/instrumentation-${off}`);
    } finally {
      for (const instrumentation of instrumentations) instrumentation.disable();
    }
  });
});
