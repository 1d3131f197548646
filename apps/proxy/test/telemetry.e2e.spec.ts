// OpenTelemetry on a real worker process (apps/proxy/src/main.ts, so instrument.ts loads first),
// configured through Redis as the api's relay does, calling an HTTP upstream that records headers:
// - with OTEL_EXPORTER_OTLP_ENDPOINT at a local OTLP receiver, one tools/call is one trace, from the
//   client's traceparent through authentication, guardrails and the upstream call, and the upstream
//   receives the gateway's upstream span as its parent; no exported span carries a key or a secret
//   (also with the http instrumentation switched off, when the MCP span is the server span);
// - with the endpoint at a closed port, calls succeed as fast as without telemetry, and nothing
//   reaches stdout (LOG_FILE=stderr, as beside a stdio client; the stdio bridge's stdout stays pure
//   protocol): the failed exports surface as one warning through the logger.
import {
  startHeadersFixture,
  startOtlpReceiver,
  testServerEntry,
  type HeadersFixture,
  type OtlpReceiver,
  type ReceivedSpan,
} from '@bastion/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyHarness, type TestProject } from './proxy-harness';
import { freePort, REPO_ROOT, startProxyWorker, type NodeService } from './support/node-service';
import { isJsonRpcLine, spawnLineProcess } from './support/stdio-process';

const CLIENT_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN = '00f067aa0ba902b7';
// Credential shapes assembled at run time (no literal for secret scanners to flag).
const HEADER_SECRET = `upstream-${'Zq8Lm3Nv7Rx2Tb5K'}-token`;
const ARGUMENT_SECRET = `ghp_${'aZ3k9Qx7Lm2Vb8Nc4Rt6Yw1Ps5Df0Gh'}Jk7M`;

function startWorker(harness: ProxyHarness, env: Record<string, string>): Promise<NodeService> {
  return startProxyWorker({
    BASTION_REDIS_PREFIX: harness.prefix,
    BASTION_MASTER_KEY: harness.masterKey,
    LOG_LEVEL: 'warn',
    ...env,
  });
}

async function closedPortUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describe('telemetry of a worker', () => {
  const harness = new ProxyHarness();
  const workers: NodeService[] = [];
  let upstream: HeadersFixture;
  let project: TestProject;

  beforeAll(async () => {
    upstream = await startHeadersFixture();
    project = await harness.addProject([
      testServerEntry({
        name: 'remote',
        transport: 'streamable-http',
        url: upstream.url,
        headers: { 'X-Upstream-Token': HEADER_SECRET },
      }),
    ]);
  });
  afterAll(async () => {
    await harness.close();
    await Promise.allSettled(workers.map((worker) => worker.stop()));
    await upstream?.close();
  });

  describe.each<{ variant: string; env: Record<string, string>; viaHttpSpan: boolean }>([
    { variant: 'exporting to a collector', env: {}, viaHttpSpan: true },
    {
      // The operator's switch for the http instrumentation's cost: the MCP span is then the server span.
      variant: 'exporting to a collector, http instrumentation off',
      env: { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'http' },
      viaHttpSpan: false,
    },
  ])('$variant', ({ env, viaHttpSpan }) => {
    let receiver: OtlpReceiver;
    let worker: NodeService;
    let client: Client;
    let gatewaySession: string;

    beforeAll(async () => {
      receiver = await startOtlpReceiver();
      worker = await startWorker(harness, { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
      workers.push(worker);
      client = await harness.connect(`${worker.baseUrl}/mcp`, project.key, {
        traceparent: `00-${CLIENT_TRACE}-${CLIENT_SPAN}-01`,
      });
      gatewaySession = (client.transport as { sessionId?: string }).sessionId!;
      upstream.requests.length = 0;
      const result = await client.callTool({ name: 'remote__echo', arguments: { message: ARGUMENT_SECRET } });
      expect(result.content).toEqual([{ type: 'text', text: ARGUMENT_SECRET }]);
      await client.close();
      await worker.stop(); // SIGTERM: the worker flushes its telemetry before it exits
      await receiver.until(() => receiver.spans.some((span) => span.name === 'mcp tools/call'));
    });
    afterAll(() => receiver?.close());

    /** The one span named `name` in the client's trace (under `parent` when given). */
    const named = (name: string, parent?: ReceivedSpan): ReceivedSpan => {
      const found = receiver.spans.filter(
        (span) =>
          span.name === name &&
          span.traceId === CLIENT_TRACE &&
          (parent === undefined || span.parentSpanId === parent.spanId),
      );
      expect(found, `one span named ${name}`).toHaveLength(1);
      return found[0];
    };

    it('covers the client request, guardrails and the upstream call in one trace', () => {
      const request = named('mcp tools/call');
      expect(request.attributes).toMatchObject({
        'mcp.method.name': 'tools/call',
        'gen_ai.tool.name': 'remote__echo',
        'bastion.project_id': project.projectId,
        'bastion.key_id': project.keyId,
      });
      expect(request.attributes['mcp.session.id']).toEqual(expect.any(String));
      expect(request.status.code).not.toBe(2);
      // Under the client's span: through the http instrumentation's server span, or directly.
      const server = receiver.spans.find((span) => span.spanId === request.parentSpanId);
      if (viaHttpSpan) expect(server).toMatchObject({ name: 'POST', parentSpanId: CLIENT_SPAN });
      else expect(request.parentSpanId).toBe(CLIENT_SPAN);

      const stages = ['authenticate', 'guardrails input', 'upstream remote tools/call', 'guardrails output'];
      for (const stage of stages) expect(named(stage, request).parentSpanId, stage).toBe(request.spanId);
      expect(named('upstream remote tools/call').attributes).toMatchObject({
        'bastion.upstream.server': 'remote',
        'bastion.upstream.transport': 'streamable-http',
        'bastion.upstream.outcome': 'ok',
      });
      expect(request.resource).toMatchObject({ 'service.name': 'bastion-proxy' });
    });

    it("hands the upstream the gateway's upstream span as parent, in the client's trace", () => {
      const upstreamSpan = named('upstream remote tools/call');
      const traced = upstream.requests.filter((request) => request.headers['traceparent'] !== undefined);
      expect(traced.map((request) => request.headers['traceparent'])).toEqual([
        `00-${CLIENT_TRACE}-${upstreamSpan.spanId}-01`,
      ]);
    });

    it('exports no key, header, session token, argument or result in any span', () => {
      const exported = JSON.stringify(receiver.spans);
      for (const secret of [project.key, HEADER_SECRET, ARGUMENT_SECRET, gatewaySession]) {
        expect(exported).not.toContain(secret);
      }
    });
  });

  describe('with nothing listening at the endpoint', () => {
    let traced: NodeService;
    let plain: NodeService;

    beforeAll(async () => {
      const env = { LOG_FILE: 'stderr', OTEL_LOG_LEVEL: 'debug', OTEL_BSP_SCHEDULE_DELAY: '100' };
      [traced, plain] = await Promise.all([
        startWorker(harness, { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: await closedPortUrl() }),
        startWorker(harness, env),
      ]);
      workers.push(traced, plain);
    });

    it('serves calls as fast as a worker without telemetry', async () => {
      const clients = await Promise.all(
        [traced, plain].map((worker) => harness.connect(`${worker.baseUrl}/mcp`, project.key)),
      );
      const timings: [number[], number[]] = [[], []];
      for (let round = 0; round < 40; round += 1) {
        // Interleaved, so drift on a shared machine hits both alike.
        for (const [index, client] of clients.entries()) {
          const started = performance.now();
          const result = await client.callTool({ name: 'remote__echo', arguments: { message: `m${round}` } });
          timings[index].push(performance.now() - started);
          expect(result.isError).toBeFalsy();
        }
      }
      const [withTelemetry, without] = timings.map((times) => median(times.slice(5))) as [number, number];
      expect(Math.max(...timings[0])).toBeLessThan(1_000);
      expect(withTelemetry).toBeLessThan(without * 1.5 + 5);
    });

    it('writes nothing to stdout; the failed export is a warning on the logger', async () => {
      const warned = () =>
        traced
          .output()
          .split('\n')
          .some((line) => line.includes('"source":"opentelemetry"') && line.includes('"level":"warn"'));
      const deadline = Date.now() + 15_000;
      while (!warned() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(warned(), traced.output().slice(-2_000)).toBe(true);
      expect(traced.stdout()).toBe('');
      expect(plain.stdout()).toBe('');
    });

    it('leaves the stdio bridge stdout pure protocol when the variable reaches it too', async () => {
      const bridge = spawnLineProcess(
        process.execPath,
        [join(REPO_ROOT, 'apps/proxy/bin/bastion-stdio.cjs'), '--url', `${traced.baseUrl}/mcp`],
        {
          ...getDefaultEnvironment(),
          BASTION_KEY: project.key,
          OTEL_EXPORTER_OTLP_ENDPOINT: await closedPortUrl(),
          OTEL_LOG_LEVEL: 'debug',
        },
      );
      try {
        bridge.send({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 'desktop', version: '1' },
          },
        });
        await bridge.response(1);
        bridge.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
        bridge.send({
          jsonrpc: '2.0',
          id: 2,
          method: 'tools/call',
          params: { name: 'remote__echo', arguments: { message: 'over stdio' } },
        });
        expect((await bridge.response(2)).result.content).toEqual([{ type: 'text', text: 'over stdio' }]);
        bridge.child.stdin!.end();
        expect(await bridge.exit(5_000)).toBe(0);
        expect(bridge.stdout.length).toBeGreaterThan(0);
        expect(bridge.stdout.every(isJsonRpcLine)).toBe(true);
      } finally {
        bridge.kill();
      }
    });
  });
});
