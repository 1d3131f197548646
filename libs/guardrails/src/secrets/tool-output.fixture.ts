/**
 * Perf-spec payloads: 64 KiB of each kind of text tools return, with no secret in it — prose, pretty and
 * minified JSON, JSON inside a JSON string, source code with string escapes, log lines, a base64 blob,
 * text dense with `\n` and `%xx` escapes, and namespaced `server__tool` names.
 */
import { ADVERSARIAL_SIZE, repeatTo } from '../adversarial-input.fixture';
import { BASE64, fake } from './fake-secret.fixture';

const PROSE =
  'The committee met on Tuesday to review the spring schedule for the library branches. Attendance rose by ' +
  '12 percent over the last quarter, and the reading room now opens at 9 in the morning. Volunteers sorted ' +
  'about 340 donated books after the storm in 2019, and agreed to meet again in 3 weeks. ';

const RECORD = {
  id: 48213,
  name: 'user_48213',
  email_verified: true,
  created_at: '2026-08-21T10:00:00Z',
  tags: ['alpha', 'beta'],
  profile: { city: 'Lyon', zip: '69001', bio: PROSE.slice(0, 80), session_count: 3, token_count: 12 },
};

const CODE =
  "export function parseConfig(raw: string): Config {\n  const lines = raw.split('\\n');\n" +
  '  const result: Record<string, string> = {};\n  for (const line of lines) {\n' +
  "    const [key, value] = line.split('=');\n    if (!key || key.startsWith('#')) continue;\n" +
  "    result[key.trim()] = (value ?? '').trim();\n  }\n" +
  '  // the api_key and secret fields are read from the vault at runtime\n' +
  "  return { timeout: Number(result['timeout'] ?? 30), url: 'https://example.com/api/v1', auth: process.env.AUTH_MODE };\n}\n\n";

const LOG =
  '2026-08-21T10:00:00.123Z INFO  [worker-3] GET https://api.example.com/v1/items/913?page=2&limit=50 ' +
  'status=200 duration_ms=41 user=alice@example.com request_id=9e3779b1\n';

/** Each payload, 64 KiB. */
export const TOOL_OUTPUTS: Readonly<Record<string, string>> = {
  prose: repeatTo(PROSE),
  'pretty JSON': repeatTo(JSON.stringify(Array(8).fill(RECORD), null, 2)),
  'minified JSON': repeatTo(JSON.stringify(RECORD)),
  'JSON inside a JSON string': repeatTo(JSON.stringify(JSON.stringify(RECORD))),
  'source code': repeatTo(CODE),
  logs: repeatTo(LOG),
  'base64 blob': Array.from({ length: ADVERSARIAL_SIZE / 77 + 1 }, (_, i) => fake(BASE64, 76, i + 1))
    .join('\n')
    .slice(0, ADVERSARIAL_SIZE),
  'escaped text': repeatTo(
    JSON.stringify({ out: PROSE.replaceAll('. ', '.\n\t'), q: encodeURIComponent(PROSE.slice(0, 120)) }),
  ),
  'namespaced names': repeatTo('called server__tool_7 with foo__bar, then ' + PROSE.slice(0, 90)),
};
