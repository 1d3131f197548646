import { describe, expect, it } from 'vitest';
import { CallLatencyRecorder, LATENCY_WINDOW } from './call-latency.recorder';

const call = { projectId: 'p1', serverId: 's1', operation: 'call' as const };

describe(CallLatencyRecorder.name, () => {
  it('counts outcomes and slow calls against the budget share', () => {
    const recorder = new CallLatencyRecorder(0.8);
    recorder.record(call, 10, 1_000, 'ok');
    recorder.record(call, 850, 1_000, 'ok');
    recorder.record(call, 1_001, 1_000, 'timeout');
    recorder.record(call, 5, 1_000, 'upstream-error');
    recorder.record(call, 400, 1_000, 'cancelled');
    const { call: figures, discovery } = recorder.figures('p1', 's1');
    expect(figures).toMatchObject({ calls: 5, errors: 2, timeouts: 1, cancelled: 1, slow: 2 });
    expect(figures.maxMs).toBe(1_001);
    expect(discovery).toMatchObject({ calls: 0, p50Ms: null, p95Ms: null });
  });

  it('takes nearest-rank percentiles over the most recent window', () => {
    const recorder = new CallLatencyRecorder(0.8);
    for (let ms = 1; ms <= 100; ms++) recorder.record(call, ms, 10_000, 'ok');
    expect(recorder.figures('p1', 's1').call).toMatchObject({ p50Ms: 50, p95Ms: 95, maxMs: 100 });
    for (let i = 0; i < LATENCY_WINDOW; i++) recorder.record(call, 7, 10_000, 'ok');
    expect(recorder.figures('p1', 's1').call).toMatchObject({
      calls: 100 + LATENCY_WINDOW,
      p50Ms: 7,
      maxMs: 7,
    });
  });

  it('keeps projects and servers apart', () => {
    const recorder = new CallLatencyRecorder(0.8);
    recorder.record(call, 10, 1_000, 'ok');
    expect(recorder.figures('p2', 's1').call.calls).toBe(0);
    expect(recorder.figures('p1', 's2').call.calls).toBe(0);
  });
});
