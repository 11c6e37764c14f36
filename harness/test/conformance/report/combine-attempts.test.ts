import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CaseResult } from '../../../src/conformance/model/case-result.js';
import { buildRunReport, combineAttempts } from '../../../src/conformance/report/index.js';
import { reportSchemaErrors } from './report-schema.js';
import { caseResult, check, erroredResult, exchange, failingResult, runMeta } from './sample-results.js';

/** Attempt `n` of a result: its checks and exchanges tagged with the attempt. */
function attempt(n: number, result: CaseResult): CaseResult {
  return {
    ...result,
    checks: result.checks.map((c) => ({ ...c, attempt: n })),
    exchanges: result.exchanges.map((e) => ({ ...e, attempt: n })),
  };
}

test('agreeing attempts keep their verdict, all checks and exchanges, and the summed time', () => {
  const combined = combineAttempts([
    attempt(1, caseResult()),
    attempt(2, caseResult()),
    attempt(3, caseResult()),
  ]);
  assert.is(combined.verdict, 'pass');
  assert.equal(combined.attempts, ['pass', 'pass', 'pass']);
  assert.is(combined.unstable, undefined);
  assert.is(combined.checks.length, 6);
  assert.equal(
    combined.exchanges.map((e) => e.attempt),
    [1, 2, 3],
  );
  assert.equal(
    combined.checks.map((c) => c.attempt),
    [1, 1, 2, 2, 3, 3],
  );
  assert.is(combined.durationMs, 3 * 842);
  assert.is(combined.reason, undefined);
});

test('checks without an attempt get their attempt number', () => {
  const combined = combineAttempts([caseResult(), caseResult()]);
  assert.equal(
    combined.checks.map((c) => c.attempt),
    [1, 1, 2, 2],
  );
});

test('pass and fail make the case unstable: verdict fail, and the reason says how they differed', () => {
  const combined = combineAttempts([
    attempt(1, caseResult({ id: 'avdrag.opprett.N02' })),
    attempt(2, failingResult()),
    attempt(3, caseResult({ id: 'avdrag.opprett.N02' })),
  ]);
  assert.is(combined.verdict, 'fail');
  assert.is(combined.unstable, true);
  assert.equal(combined.attempts, ['pass', 'fail', 'pass']);
  assert.is(
    combined.reason,
    'unstable: attempts 1 and 3 passed, attempt 2 failed; attempt 2: deadline: answered after 10 412 ms, the deadline is 10 000 ms',
  );
  const report = buildRunReport(runMeta({ repeat: 3 }), [combined]);
  assert.is(report.exitCode, 1);
  assert.equal(report.summary.unstable, ['avdrag.opprett.N02']);
  assert.equal(reportSchemaErrors(report), []);
});

test('errors beside passes make an error (never the vendor blamed); beside failures, a failure', () => {
  const passError = combineAttempts([
    attempt(1, caseResult()),
    attempt(2, erroredResult({ id: 'avdrag.opprett.N01' })),
  ]);
  assert.is(passError.verdict, 'error');
  assert.is(passError.unstable, undefined);
  assert.is(
    passError.reason,
    'attempt 1 passed, attempt 2 errored; attempt 2: Fiks IO refused the send: HTTP 503',
  );
  const failError = combineAttempts([attempt(1, erroredResult()), attempt(2, failingResult())]);
  assert.is(failError.verdict, 'fail');
  assert.is(failError.unstable, undefined);
  assert.match(failError.reason!, /^attempt 1 errored, attempt 2 failed; attempt 2: deadline: /);
});

test('the first attempt gives the case facts; repeat timing covers every attempt', () => {
  const combined = combineAttempts([
    attempt(1, caseResult({ exchanges: [exchange({ waitMs: 100 })] })),
    attempt(2, caseResult({ exchanges: [exchange({ waitMs: 300 })], checks: [check('deadline', 'pass')] })),
  ]);
  assert.is(combined.id, 'avdrag.opprett.N01');
  const report = buildRunReport(runMeta({ repeat: 2 }), [combined]);
  assert.equal(report.timing.byRequestType[0]!.citizenWait, {
    count: 2,
    p50: 100,
    p95: 300,
    p99: 300,
    max: 300,
  });
});

test('no attempts is a programming error', () => {
  assert.throws(() => combineAttempts([]), /at least one attempt/);
});

test.run();
