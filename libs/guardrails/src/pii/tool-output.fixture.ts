/**
 * One repeating unit of each kind of text tools return, for the PII perf spec: prose, pretty-printed JSON
 * full of numbers, access-log lines with IPs and timestamps, source code, and digit-heavy tables.
 */
export const TOOL_OUTPUTS: Readonly<Record<string, string>> = {
  prose:
    'The committee met on Tuesday to review the spring schedule for the library branches. Attendance rose ' +
    'by 12 percent over the last quarter, and the reading room now opens at 9 in the morning. Volunteers ' +
    'sorted about 340 donated books after the storm in 2019, and agreed to meet again in 3 weeks. ',
  json: JSON.stringify(
    {
      id: 48213,
      price: 1234.56,
      ratio: 0.123456789,
      createdAt: '2024-01-15T10:30:00.000Z',
      values: [17, 34, 1718035200000, -74.006, 40.7128],
      nested: { count: 97, total: 99999, version: '1.2.3', uuid: '550e8400-e29b-41d4-a716-446655440000' },
    },
    null,
    2,
  ),
  logs:
    '2024-06-10T12:30:45.123Z INFO [req-7f3a] 10.12.36.84 - - "GET /api/v1/items/913?page=2 HTTP/1.1" ' +
    '200 1532 41ms pid=4021\n',
  code:
    'export function merge<T>(a: readonly T[], b: readonly T[]): T[] {\n' +
    '  const out: T[] = [];\n  for (let i = 0; i < a.length; i += 1) out.push(a[i]!, b[i]!);\n' +
    '  return out; // std::vector, timeout: 30_000, port: 8080, ratio: 0.75\n}\n',
  table: '| 17 | 7919 | 1047.29 | 2024-03-02 | 31 17 13 | 123456800 | 0.5 |\n',
};
