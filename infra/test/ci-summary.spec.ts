// `.ci/run` ends with the line tools/ci/summarize-tests.mjs prints; its own checks run here so a broken
// summarizer shows up as a failing test, not as a CI run that reports nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const summarizer = resolve(__dirname, '../../tools/ci/summarize-tests.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [summarizer, ...args], { encoding: 'utf8' });

describe('CI test summary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ci-summary-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes its self-test', () => {
    const result = run('--self-test');
    expect(result.stdout).not.toContain('FAIL');
    expect(result.status).toBe(0);
  });

  it('names each failed test before the final line, and exits 1', () => {
    const report = {
      numPassedTests: 1,
      numFailedTests: 1,
      numPendingTests: 0,
      numTodoTests: 0,
      success: false,
      testResults: [
        {
          name: '/somewhere/outbox.e2e.spec.ts',
          status: 'failed',
          assertionResults: [
            {
              fullName: 'relay > reports Redis',
              status: 'failed',
              failureMessages: ['AssertionError: 503\n at x'],
            },
            { fullName: 'relay > publishes', status: 'passed', failureMessages: [] },
          ],
        },
      ],
    };
    writeFileSync(join(dir, 'api.json'), JSON.stringify(report));
    const result = run(dir, '--expect', 'api');
    const lines = result.stdout.trim().split('\n');
    expect(lines).toContain(
      '    FAIL: /somewhere/outbox.e2e.spec.ts > relay > reports Redis: AssertionError: 503',
    );
    expect(lines.at(-1)).toBe('1 passed, 1 failed');
    expect(result.status).toBe(1);
  });
});
