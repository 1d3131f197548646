import { describe, expect, it } from 'vitest';
import { matchesAuditFilter, searchText } from './audit-filter.matcher';
import type { AuditEventDto } from './dto/audit-event.dto';

const event: AuditEventDto = {
  id: '0b0f4f6e-8a3b-4c1e-9d2a-5f6e7a8b9c0d',
  time: '2026-01-01T00:00:00.000Z',
  type: 'response',
  direction: 'outbound',
  method: 'tools/call',
  sessionId: 'session-1',
  projectId: '11111111-1111-4111-8111-111111111111',
  userId: '22222222-2222-4222-8222-222222222222',
  keyId: '33333333-3333-4333-8333-333333333333',
  server: 'github',
  tool: 'create_issue',
  status: 'ok',
  durationMs: 120,
  errorCode: -32011,
  payload: { zeta: [1, 'two', null, { b: true, aa: 1.5 }], a: 'x "q"', é: 0, bb: {} },
  traceId: 'trace-1',
  workerId: 'worker-1',
  insertedAt: '2026-01-01T00:00:01.000Z',
};

describe(matchesAuditFilter.name, () => {
  it.each([
    ['no filter', {}, true],
    ['its project', { projectId: event.projectId! }, true],
    ['another project', { projectId: '44444444-4444-4444-8444-444444444444' }, false],
    ['its user and key', { userId: event.userId!, keyId: event.keyId! }, true],
    ['another key', { keyId: event.userId! }, false],
    ['its session and trace', { sessionId: 'session-1', traceId: 'trace-1' }, true],
    ['its server, tool and method', { server: 'github', tool: 'create_issue', method: 'tools/call' }, true],
    ['a server name in another case', { server: 'GitHub' }, false],
    ['a type list with its type', { type: ['request', 'response'] }, true],
    ['a type list without it', { type: ['error'] }, false],
    ['a status list with it', { status: ['ok'] }, true],
    ['a status list without it', { status: ['error', 'blocked'] }, false],
    ['a minimum duration it reaches', { minDurationMs: 120 }, true],
    ['a minimum duration it misses', { minDurationMs: 121 }, false],
    ['q in the payload, any case', { q: 'TWO' }, true],
    ['q on the error code', { q: '-32011' }, true],
    ['q spanning fields', { q: 'github create_' }, true],
    ['q with JSON spacing as Postgres prints it', { q: '"a": "x \\"q\\""' }, true],
    ['q that is absent', { q: 'gitlab' }, false],
  ])('%s → %s', (_what, filter, expected) => {
    expect(matchesAuditFilter(filter, event)).toBe(expected);
  });

  it('never matches a minimum duration or a status list on an event without one', () => {
    const bare = { ...event, durationMs: null, status: null };
    expect(matchesAuditFilter({ minDurationMs: 0 }, bare)).toBe(false);
    expect(matchesAuditFilter({ status: ['ok'] }, bare)).toBe(false);
  });
});

describe(searchText.name, () => {
  it('is the text of the SQL function audit_search_text (jsonb printed as Postgres prints it)', () => {
    // Output of: SELECT audit_search_text('response','tools/call','github','create_issue','ok',-32011, <payload>::jsonb)
    expect(searchText(event)).toBe(
      'response tools/call github create_issue ok -32011 {"a": "x \\"q\\"", "bb": {}, "é": 0, "zeta": [1, "two", null, {"b": true, "aa": 1.5}]}',
    );
  });

  it('leaves absent fields empty', () => {
    const bare = {
      ...event,
      method: null,
      server: null,
      tool: null,
      status: null,
      errorCode: null,
      payload: null,
    };
    expect(searchText(bare)).toBe('response      ');
  });
});
