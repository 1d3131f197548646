import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvHeader, csvRow, ndjsonLine } from './audit-export.format';
import type { AuditEventDto } from './dto/audit-event.dto';

const base: AuditEventDto = {
  id: '0b0f4f6e-8a3b-4c1e-9d2a-5f6e7a8b9c0d',
  time: '2026-01-01T00:00:00.000Z',
  type: 'request',
  direction: null,
  method: 'tools/call',
  sessionId: null,
  projectId: null,
  userId: null,
  keyId: null,
  server: 'github',
  tool: 'create_issue',
  status: null,
  durationMs: null,
  errorCode: null,
  payload: null,
  traceId: null,
  workerId: null,
  insertedAt: '2026-01-01T00:00:01.000Z',
};
/** The row with a comma in front and behind (the CRLF counts as behind), to look for a whole cell. */
const row = (event: Partial<AuditEventDto>) => {
  const line = csvRow({ ...base, ...event });
  expect(line.endsWith('\r\n')).toBe(true);
  return `,${line.slice(0, -2)},`;
};

describe('CSV export format', () => {
  it('has one header per column, CRLF-terminated', () => {
    expect(csvHeader()).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });

  it('writes absent values as empty cells and plain values as they are', () => {
    expect(csvRow(base)).toBe(
      '0b0f4f6e-8a3b-4c1e-9d2a-5f6e7a8b9c0d,2026-01-01T00:00:00.000Z,request,,tools/call,,,,,github,create_issue,,,,,,2026-01-01T00:00:01.000Z,\r\n',
    );
  });

  it.each([
    ['a comma', { tool: 'a,b' }, '"a,b"'],
    ['quotes', { tool: 'say "hi"' }, '"say ""hi"""'],
    ['a line break', { tool: 'a\nb' }, '"a\nb"'],
    ['a carriage return inside', { tool: 'a\rb' }, '"a\rb"'],
    ['edge spaces', { method: ' padded ' }, '" padded "'],
    ['a formula', { tool: '=1+2' }, "'=1+2"],
    ['a formula with quotes and commas', { tool: '=HYPERLINK("x","y")' }, '"\'=HYPERLINK(""x"",""y"")"'],
    ['a leading @', { tool: '@SUM(A1)' }, "'@SUM(A1)"],
    ['a leading +', { sessionId: '+1' }, "'+1"],
    ['a leading -', { tool: '-x' }, "'-x"],
    ['a leading tab', { tool: '\tx' }, "'\tx"],
    ['unicode', { tool: 'ünï 漢字 😀' }, 'ünï 漢字 😀'],
    ['a negative number (not text)', { errorCode: -32011 }, '-32011'],
    ['a fraction', { durationMs: 1.25 }, '1.25'],
    ['a payload (JSON text)', { payload: { a: 'b, "c"' } }, '"{""a"":""b, \\""c\\""""}"'],
  ])('quotes or defuses %s', (_what, event, expected) => {
    expect(row(event)).toContain(`,${expected},`);
  });
});

describe('NDJSON export format', () => {
  it('is one JSON object per line', () => {
    const line = ndjsonLine({ ...base, payload: { text: 'a\nb' } });
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({ ...base, payload: { text: 'a\nb' } });
  });
});
