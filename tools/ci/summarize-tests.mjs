#!/usr/bin/env node
// Sums the per-project vitest JSON reports written by `npm test` (see vitest.shared.mts) and prints
// per-project counts followed by ONE final line: `N passed, N failed[, N skipped]`.
//
//   node tools/ci/summarize-tests.mjs <report-dir> [--expect project1,project2,...]
//   node tools/ci/summarize-tests.mjs --self-test
//
// Each expected project without a report, and each unparsable report, counts as 1 failed.
// Exit code: 0 only if nothing failed and at least one test passed.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** Failed tests named per test file; the rest are counted. */
const MAX_NAMED_FAILURES = 10;

/** The first line of a failure message, without terminal colours, at most 300 characters. */
function firstLine(message) {
  const text = String(message ?? '')
    .replace(/\u001b\[[0-9;]*m/g, '')
    .trim()
    .split('\n')[0];
  return (text || 'no message').slice(0, 300);
}

/** A report path relative to the working directory (vitest writes absolute ones). */
function relative(path) {
  const cwd = process.cwd() + '/';
  return String(path).startsWith(cwd) ? String(path).slice(cwd.length) : String(path);
}

/** Counts of one parsed vitest JSON report, plus notes on failures that numFailedTests misses. */
function countReport(report) {
  const num = (key) => {
    const value = report?.[key];
    if (!Number.isInteger(value) || value < 0) throw new Error(`missing or invalid "${key}"`);
    return value;
  };
  const counts = {
    passed: num('numPassedTests'),
    failed: num('numFailedTests'),
    skipped: num('numPendingTests') + num('numTodoTests'),
    notes: [],
  };
  // A test file that fails to load (syntax/import error) or whose hooks fail shows up as a failed
  // file without any failed test, so numFailedTests alone would not see it.
  for (const file of Array.isArray(report.testResults) ? report.testResults : []) {
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    // Named here because CI keeps only the tail of the output, where the runner's own list is long gone.
    for (const test of failedTests.slice(0, MAX_NAMED_FAILURES)) {
      const reason = firstLine(test.failureMessages?.[0]);
      counts.notes.push(`${relative(file.name)} > ${test.fullName ?? test.title}: ${reason}`);
    }
    if (failedTests.length > MAX_NAMED_FAILURES)
      counts.notes.push(
        `${relative(file.name)}: ${failedTests.length - MAX_NAMED_FAILURES} more failed tests`,
      );
    const anyFailedTest = failedTests.length > 0;
    if (file.status === 'failed' && !anyFailedTest) {
      counts.failed += 1;
      counts.notes.push(
        `test file failed outside any test: ${relative(file.name)}: ${firstLine(file.message)}`,
      );
    }
  }
  if (report.success === false && counts.failed === 0) {
    counts.failed = 1;
    counts.notes.push('report says success=false but lists no failing test');
  }
  return counts;
}

/** Reads every `<project>.json` in `dir`; returns output lines (without the final one) and totals. */
function summarize(dir, expected = []) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const lines = [];
  let files = [];
  try {
    files = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    lines.push(`No report directory ${dir}`);
  }
  const add = (project, counts) => {
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    lines.push(`  ${project}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    for (const note of counts.notes) lines.push(`    FAIL: ${note}`);
  };
  lines.push('Per-project test results:');
  for (const file of files) {
    const project = basename(file, '.json');
    try {
      add(project, countReport(JSON.parse(readFileSync(join(dir, file), 'utf8'))));
    } catch (error) {
      add(project, {
        passed: 0,
        failed: 1,
        skipped: 0,
        notes: [`unparsable report ${file}: ${error.message}`],
      });
    }
  }
  const reported = new Set(files.map((file) => basename(file, '.json')));
  for (const project of expected.filter((name) => !reported.has(name))) {
    add(project, {
      passed: 0,
      failed: 1,
      skipped: 0,
      notes: [`project ran but wrote no report (${project}.json)`],
    });
  }
  if (totals.passed + totals.failed === 0) lines.push('FAIL: no tests ran');
  return { lines, ...totals };
}

function finalLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : '');
}

function selfTest() {
  const dir = mkdtempSync(join(tmpdir(), 'summarize-tests-'));
  const report = (passed, failed, pending, todo, testResults = []) =>
    JSON.stringify({
      numTotalTests: passed + failed + pending + todo,
      numPassedTests: passed,
      numFailedTests: failed,
      numPendingTests: pending,
      numTodoTests: todo,
      success: failed === 0,
      testResults,
    });
  const checks = [];
  const check = (label, actual, expected) =>
    checks.push({ label, ok: actual === expected, actual, expected });
  try {
    writeFileSync(join(dir, 'alpha.json'), report(5, 0, 1, 0));
    const failing = [
      {
        name: join(process.cwd(), 'b.spec.ts'),
        status: 'failed',
        assertionResults: [
          {
            fullName: 'b > one',
            status: 'failed',
            failureMessages: ['\u001b[31mAssertionError: expected 503 to be 200\nstack'],
          },
          { fullName: 'b > two', status: 'failed', failureMessages: [] },
          { fullName: 'b > three', status: 'passed', failureMessages: [] },
        ],
      },
    ];
    writeFileSync(join(dir, 'beta.json'), report(3, 2, 0, 2, failing));
    const two = summarize(dir, ['alpha', 'beta']);
    check('two reports', finalLine(two), '8 passed, 2 failed, 3 skipped');
    check(
      'a failed test is named',
      two.lines.includes('    FAIL: b.spec.ts > b > one: AssertionError: expected 503 to be 200'),
      true,
    );
    check('without a message', two.lines.includes('    FAIL: b.spec.ts > b > two: no message'), true);

    const broken = [{ name: 'x.spec.ts', status: 'failed', message: 'boom', assertionResults: [] }];
    writeFileSync(join(dir, 'gamma.json'), report(1, 0, 0, 0, broken)); // file failed to load: +1
    writeFileSync(join(dir, 'delta.json'), '{"numPassedTests": 4,'); // unparsable: +1
    const bad = summarize(dir, ['alpha', 'beta', 'gamma', 'delta', 'missing']); // no report: +1
    check('broken, unparsable and missing reports', finalLine(bad), '9 passed, 5 failed, 3 skipped');

    check('empty dir', finalLine(summarize(join(dir, 'nope'))), '0 passed, 0 failed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const { label, ok, actual, expected } of checks) {
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${label}: ${JSON.stringify(actual)}${ok ? '' : ` (expected ${JSON.stringify(expected)})`}`,
    );
  }
  return checks.every((c) => c.ok) ? 0 : 1;
}

function main(args) {
  if (args[0] === '--self-test') return selfTest();
  const expectAt = args.indexOf('--expect');
  const expected = expectAt >= 0 ? (args.splice(expectAt, 2)[1] ?? '').split(',').filter(Boolean) : [];
  if (args.length !== 1) {
    console.log('usage: summarize-tests.mjs <report-dir> [--expect p1,p2,...] | --self-test');
    console.log(finalLine({ passed: 0, failed: 1, skipped: 0 }));
    return 2;
  }
  const summary = summarize(args[0], expected);
  for (const line of summary.lines) console.log(line);
  console.log(finalLine(summary));
  return summary.failed === 0 && summary.passed > 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
