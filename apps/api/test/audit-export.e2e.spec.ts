// GET /api/v1/audit-events/export: 100,000 events (bulk-inserted with generate_series) streamed as
// NDJSON and as CSV with exact counts while the live heap (measured after forced collections, in this
// process, which runs the api too) stays flat; CSV quoting of hostile values; filters apply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { useApi } from './api-harness';
import { auditEvent, consumeText, startPublisher, waitForRowCount } from './support/audit-support';
import { TEST_REDIS_URL } from '@bastion/testing';

const ROWS = 100_000;
const PROJECT = '11111111-2222-4333-8444-555555555555';
const OTHER_PROJECT = '66666666-7777-4888-9999-aaaaaaaaaaaa';
const MAX_HEAP_GROWTH_MB = 50;

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

/** Samples the live heap (after a full collection) while `work` runs; returns the growth in MB. */
async function liveHeapGrowthMb(work: () => Promise<void>): Promise<number> {
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sampler = setInterval(() => {
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 1_000);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  gc();
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return (peak - baseline) / 1024 / 1024;
}

describe('GET /api/v1/audit-events/export', () => {
  const api = useApi();
  const to = new Date();
  const from = new Date(to.getTime() - 24 * 3_600_000);
  const window = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
  const exportUrl = (query: string) => `${api.baseUrl}/api/v1/audit-events/export?${query}`;
  const get = (query: string) =>
    fetch(exportUrl(query), { headers: { authorization: `Bearer ${api.adminKey}` } });

  beforeAll(async () => {
    // Every 0.8 s back from `to`; about 600 bytes of JSON each, with quotes and commas for the CSV.
    await api.query(
      `INSERT INTO audit_events (id, time, type, method, project_id, server, tool, status, duration_ms, payload)
       SELECT gen_random_uuid(), $1::timestamptz - i * interval '800 milliseconds', 'response', 'tools/call',
              CASE WHEN i % 10 = 0 THEN $3::uuid ELSE $2::uuid END, 'bulk', 'tool_' || (i % 7), 'ok', i % 1000,
              jsonb_build_object('n', i, 'note', 'say "hi", then go', 'filler', repeat('0123456789', 50))
       FROM generate_series(1, $4::int) AS i`,
      [to.toISOString(), PROJECT, OTHER_PROJECT, ROWS],
    );
  }, 120_000);

  it(`streams ${ROWS} events as NDJSON, newest first, with a flat heap`, async ({ annotate }) => {
    let lines = 0;
    let sumOfN = 0;
    let bytes = 0;
    let previousTime = '9999';
    let ordered = true;
    let partial = '';
    let headers: Headers | undefined;
    const growth = await liveHeapGrowthMb(async () => {
      const response = await get(`${window}&format=ndjson`);
      expect(response.status).toBe(200);
      headers = response.headers;
      await consumeText(response, (text) => {
        bytes += Buffer.byteLength(text);
        const parts = (partial + text).split('\n');
        partial = parts.pop()!;
        for (const line of parts) {
          const event = JSON.parse(line);
          lines += 1;
          sumOfN += event.payload.n;
          if (event.time > previousTime) ordered = false;
          previousTime = event.time;
        }
      });
    });
    expect(partial).toBe('');
    expect(lines).toBe(ROWS);
    expect(sumOfN).toBe((ROWS * (ROWS + 1)) / 2); // every event exactly once
    expect(ordered).toBe(true);
    expect(headers?.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(headers?.get('content-disposition')).toMatch(
      /^attachment; filename="audit-events-\d{8}T\d{6}Z-\d{8}T\d{6}Z\.ndjson"$/,
    );
    await annotate(
      `NDJSON: ${(bytes / 1024 / 1024).toFixed(1)} MB streamed, live heap growth ${growth.toFixed(1)} MB`,
    );
    expect(growth).toBeLessThan(MAX_HEAP_GROWTH_MB);
  }, 120_000);

  it(`streams ${ROWS} events as CSV with a header row, with a flat heap`, async ({ annotate }) => {
    let records = 0;
    let inQuotes = false;
    let bytes = 0;
    let header = '';
    let headers: Headers | undefined;
    const growth = await liveHeapGrowthMb(async () => {
      const response = await get(`${window}&format=csv`);
      expect(response.status).toBe(200);
      headers = response.headers;
      await consumeText(response, (text) => {
        bytes += Buffer.byteLength(text);
        if (header.length < 300) header += text.slice(0, 300);
        for (let i = 0; i < text.length; i++) {
          const char = text.charCodeAt(i);
          if (char === 34)
            inQuotes = !inQuotes; // a doubled quote toggles twice
          else if (char === 10 && !inQuotes) records += 1;
        }
      });
    });
    expect(inQuotes).toBe(false);
    expect(records).toBe(ROWS + 1);
    expect(header.split('\r\n')[0]).toBe(
      'id,time,type,direction,method,sessionId,projectId,userId,keyId,server,tool,status,durationMs,errorCode,traceId,workerId,insertedAt,payload',
    );
    expect(headers?.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headers?.get('content-disposition')).toMatch(/\.csv"$/);
    await annotate(
      `CSV: ${(bytes / 1024 / 1024).toFixed(1)} MB streamed, live heap growth ${growth.toFixed(1)} MB`,
    );
    expect(growth).toBeLessThan(MAX_HEAP_GROWTH_MB);
  }, 120_000);

  it('applies the filters', async () => {
    let lines = 0;
    const response = await get(`${window}&projectId=${OTHER_PROJECT}&tool=tool_3`);
    await consumeText(response, (text) => (lines += text.split('\n').length - 1));
    const { rows } = await api.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE project_id = $1 AND tool = 'tool_3'",
      [OTHER_PROJECT],
    );
    expect(rows[0].n).toBeGreaterThan(0);
    expect(lines).toBe(rows[0].n);
  });

  it('answers 400 to a bad format before streaming, and 401 without a key', async () => {
    expect((await get('format=xml')).status).toBe(400);
    const anonymous = await fetch(exportUrl('format=csv'));
    expect(anonymous.status).toBe(401);
  });
});

describe('CSV export of hostile values', () => {
  const api = useApi();
  const hostile = [
    auditEvent({ server: 'csv', tool: '=HYPERLINK("http://evil.example")', payload: { text: 'a,b "c"\nd' } }),
    auditEvent({ server: 'csv', tool: '@SUM(A1)', method: ' padded ', errorCode: -32011, durationMs: 1.25 }),
    auditEvent({ server: 'csv', tool: 'ünïcødé, 漢字 😀', sessionId: '+1', payload: null as never }),
  ];
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });

  beforeAll(async () => {
    const { publisher, close } = startPublisher(api, TEST_REDIS_URL);
    closers.push(close);
    for (const event of hostile) publisher.record(event);
    await waitForRowCount(api, hostile.length, "server = 'csv'");
  });

  it('quotes commas, quotes, line breaks and edge spaces, and defuses formulas', async () => {
    const csv = (await api.request('GET', '/api/v1/audit-events/export?format=csv&server=csv')).text;
    const ndjson = (await api.request('GET', '/api/v1/audit-events/export?format=ndjson&server=csv')).text;
    const [header, ...rows] = parseCsv(csv);
    const events = ndjson
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rows).toHaveLength(3);
    const column = (name: string) => header.indexOf(name);
    rows.forEach((row, index) => {
      const event = events[index];
      expect(row[column('id')]).toBe(event.id);
      expect(row[column('method')]).toBe(event.method);
      expect(row[column('tool')]).toBe(/^[=+\-@]/.test(event.tool) ? `'${event.tool}` : event.tool);
      expect(row[column('payload')]).toBe(event.payload === null ? '' : JSON.stringify(event.payload));
      expect(row[column('errorCode')]).toBe(event.errorCode === null ? '' : String(event.errorCode));
    });
    expect(rows.map((row) => row[column('tool')])).toEqual(
      expect.arrayContaining(['\'=HYPERLINK("http://evil.example")', "'@SUM(A1)", 'ünïcødé, 漢字 😀']),
    );
    expect(rows.map((row) => row[column('sessionId')])).toContain("'+1");
    expect(rows.map((row) => row[column('errorCode')])).toContain('-32011');
  });
});

/** A strict RFC 4180 parser (CRLF records, quoted fields with doubled quotes). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += char;
  }
  expect(field).toBe('');
  return records;
}
