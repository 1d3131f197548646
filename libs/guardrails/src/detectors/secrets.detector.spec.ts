import type { PolicyEntry } from '@bastion/contracts';
import { describe, expect, it } from 'vitest';
import { CompiledPolicy } from '../engine/compiled-policy';
import { BASE62, UPPER_DIGITS, fake } from '../secrets/fake-secret.fixture';
import { secretsDetector } from './secrets.detector';

const AWS = 'AKIA' + fake(UPPER_DIGITS, 16);
const GH = 'ghp_' + fake(BASE62, 36);
const inspect = (payload: unknown) =>
  secretsDetector.prepare({}).inspect({ direction: 'output', toolName: 'read_logs', payload });
const REDACT: PolicyEntry = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'secrets',
  mode: 'enforce',
  failMode: 'closed',
  rules: [{ detector: 'secrets', action: 'redact', direction: 'both', options: {} }],
};
/** An MCP tool result whose text is split over two content blocks, as a client joins them. */
const result = (first: string, second: string) => ({
  content: [
    { type: 'text', text: first },
    { type: 'text', text: second },
  ],
});
const joinedText = (payload: unknown): string =>
  (payload as ReturnType<typeof result>).content.map((block) => block.text).join('');

describe('secrets detector', () => {
  it('flags the value of a sensitive key whole, and secret shapes in any string', () => {
    const findings = inspect({ apiKey: 'x', log: `deploy with ${GH}` });
    expect(findings).toContainEqual({
      path: '$.apiKey',
      kind: 'sensitive-key',
      confidence: 0.9,
      wholeValue: true,
    });
    expect(findings.some((f) => f.path === '$.log' && f.kind === 'github-token')).toBe(true);
  });

  it('reports a key split between two content blocks in both blocks', () => {
    const findings = inspect(result(`credentials: ${AWS.slice(0, 8)}`, `${AWS.slice(8)} (from the vault)`));
    const paths = findings.filter((f) => f.kind === 'aws-access-key-id').map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['$.content[0].text', '$.content[1].text']));
  });

  it('redacts both halves through the policy engine', () => {
    const payload = result(`token ${GH.slice(0, 20)}`, `${GH.slice(20)} ok`);
    const decision = CompiledPolicy.compile(REDACT).evaluate({ direction: 'output', toolName: 't', payload });
    const text = joinedText(decision.payload);
    for (let i = 0; i + 8 <= GH.length; i += 1) expect(text).not.toContain(GH.slice(i, i + 8));
    expect(text).toMatch(/^token \[REDACTED:[a-z-]+\]\[REDACTED:[a-z-]+\] ok$/);
  });

  it('joins adjacent strings of one array too', () => {
    const findings = inspect({ lines: ['aws id ', AWS.slice(0, 12), AWS.slice(12)] });
    expect(
      findings
        .filter((f) => f.kind === 'aws-access-key-id')
        .map((f) => f.path)
        .sort(),
    ).toEqual(['$.lines[1]', '$.lines[2]']);
  });

  it('does not join text blocks that are not next to each other', () => {
    const payload = {
      content: [
        { type: 'text', text: `id ${AWS.slice(0, 10)}` },
        { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' },
        { type: 'text', text: AWS.slice(10) },
      ],
    };
    expect(inspect(payload).filter((f) => f.kind === 'aws-access-key-id')).toEqual([]);
  });
});
