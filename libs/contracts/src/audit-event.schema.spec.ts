import { describe, expect, it } from 'vitest';
import { AUDIT_PAYLOAD_MAX_BYTES, auditEventSchema, capAuditPayload } from './audit-event.schema';

const ID = '0b0f4f6e-8a3b-4c1e-9d2a-5f6e7a8b9c0d';
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('auditEventSchema', () => {
  it('accepts a minimal and a full event, stripping unknown fields', () => {
    expect(
      auditEventSchema.parse({ id: ID, time: '2026-01-01T00:00:00.000Z', type: 'session.start' }),
    ).toEqual({ id: ID, time: '2026-01-01T00:00:00.000Z', type: 'session.start' });
    const full = {
      id: ID,
      time: '2026-01-01T01:00:00+01:00',
      type: 'response',
      direction: 'outbound',
      method: 'tools/call',
      sessionId: 'sess-1',
      projectId: ID,
      userId: ID,
      keyId: ID,
      server: 'github',
      tool: 'create_issue',
      status: 'error',
      durationMs: 12.5,
      errorCode: -32011,
      payload: { error: 'timeout' },
      traceId: 'a'.repeat(32),
      workerId: 'worker-1',
    };
    expect(auditEventSchema.parse({ ...full, future: 1 })).toEqual(full);
  });

  it.each([
    ['a missing id', { time: '2026-01-01T00:00:00Z', type: 'request' }],
    ['an id that is not a UUID', { id: 'x', time: '2026-01-01T00:00:00Z', type: 'request' }],
    ['a time that is not ISO', { id: ID, time: 'yesterday', type: 'request' }],
    ['an unknown type', { id: ID, time: '2026-01-01T00:00:00Z', type: 'debug' }],
    ['an unknown status', { id: ID, time: '2026-01-01T00:00:00Z', type: 'response', status: 'maybe' }],
    ['a negative duration', { id: ID, time: '2026-01-01T00:00:00Z', type: 'response', durationMs: -1 }],
    ['a fractional error code', { id: ID, time: '2026-01-01T00:00:00Z', type: 'error', errorCode: 1.5 }],
  ])('refuses %s', (_what, event) => {
    expect(auditEventSchema.safeParse(event).success).toBe(false);
  });
});

describe(capAuditPayload.name, () => {
  it('keeps payloads that fit, and absent ones', () => {
    const payload = { args: { q: 'x'.repeat(1000) } };
    expect(capAuditPayload(payload)).toBe(payload);
    expect(capAuditPayload(undefined)).toBeUndefined();
    expect(capAuditPayload(null)).toBeNull();
  });

  it.each([
    ['ASCII', 'x'],
    ['multi-byte text', 'é漢'],
    ['emoji (surrogate pairs)', '😀'],
    ['characters JSON escapes', '"\\\n'],
  ])('replaces a larger payload of %s by a preview that fits exactly', (_what, unit) => {
    const payload = { text: unit.repeat(20_000) };
    const capped = capAuditPayload(payload) as { truncated: boolean; originalBytes: number; preview: string };
    expect(capped.truncated).toBe(true);
    expect(capped.originalBytes).toBe(bytes(payload));
    expect(bytes(capped)).toBeLessThanOrEqual(AUDIT_PAYLOAD_MAX_BYTES);
    expect(bytes(capped)).toBeGreaterThan(AUDIT_PAYLOAD_MAX_BYTES - 16);
    expect(JSON.stringify(payload).startsWith(capped.preview)).toBe(true);
    expect(capped.preview).not.toMatch(/[\ud800-\udbff]$/);
  });

  it('honours a smaller limit', () => {
    expect(bytes(capAuditPayload({ a: 'y'.repeat(500) }, 200))).toBeLessThanOrEqual(200);
  });

  it('turns what JSON cannot hold into an empty truncated payload', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(capAuditPayload(cyclic)).toEqual({ truncated: true, originalBytes: 0, preview: '' });
  });
});
