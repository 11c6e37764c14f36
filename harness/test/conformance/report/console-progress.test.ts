import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildRunReport, ConsoleProgress, wantsColour } from '../../../src/conformance/report/index.js';
import { caseResult, check, erroredResult, FNR, failingResult, runMeta } from './sample-results.js';

function capture(total: number, colour = false): { lines: string[]; progress: ConsoleProgress } {
  const lines: string[] = [];
  return { lines, progress: new ConsoleProgress((l) => lines.push(l), total, { colour }) };
}

test('one line per finished case with a counter, the verdict, the id and the time', () => {
  const { lines, progress } = capture(58);
  progress.caseStarted('avdrag.opprett.N01');
  assert.equal(progress.inFlight, ['avdrag.opprett.N01']);
  progress.caseFinished(caseResult());
  assert.equal(progress.inFlight, []);
  assert.equal(lines, ['[ 1/58] PASS avdrag.opprett.N01  842 ms']);
});

test('a failure shows its first failing check and message; errors and skips their reason', () => {
  const { lines, progress } = capture(12);
  progress.caseFinished(failingResult());
  progress.caseFinished(erroredResult());
  progress.caseFinished(caseResult({ id: 'x.F01', verdict: 'skip', reason: 'the profile forbids it' }));
  assert.equal(lines, [
    '[ 1/12] FAIL avdrag.opprett.N02  10500 ms  deadline: answered after 10 412 ms, the deadline is 10 000 ms',
    '[ 2/12] ERROR kommentar.opprett.N01  40 ms  Fiks IO refused the send: HTTP 503',
    '[ 3/12] SKIP x.F01  the profile forbids it',
  ]);
});

test('expected failures and unstable cases are told apart', () => {
  const { lines, progress } = capture(3);
  progress.caseFinished(failingResult({ expectedFailure: { reason: 'ERP-1', outcome: 'still-failing' } }));
  progress.caseFinished(caseResult({ expectedFailure: { reason: 'ERP-2', outcome: 'now-passing' } }));
  progress.caseFinished(
    failingResult({ unstable: true, reason: 'unstable: attempt 1 passed, attempt 2 failed' }),
  );
  assert.match(lines[0]!, /^\[1\/3\] XFAIL avdrag\.opprett\.N02 .* deadline: /);
  assert.match(
    lines[1]!,
    /^\[2\/3\] XPASS avdrag\.opprett\.N01 {2}842 ms {2}expected to fail \(ERP-2\), now passes: remove its entry$/,
  );
  assert.match(
    lines[2]!,
    /^\[3\/3\] UNSTABLE avdrag\.opprett\.N02 {2}10500 ms {2}unstable: attempt 1 passed, attempt 2 failed$/,
  );
});

test('an expected failure whose listed checks pass but others fail shows as a plain failure', () => {
  const { lines, progress } = capture(1);
  progress.caseFinished(
    failingResult({
      expectedFailure: { reason: 'ERP-3', outcome: 'now-passing', uncoveredChecks: ['deadline'] },
    }),
  );
  assert.match(lines[0]!, /^\[1\/1\] FAIL avdrag\.opprett\.N02 {2}10500 ms {2}deadline: /);
});

test('fødselsnumre are masked on the console', () => {
  const { lines, progress } = capture(1);
  progress.caseFinished(
    failingResult({ checks: [check('assertions', 'fail', { message: `payer ${FNR} unknown` })] }),
  );
  assert.not.ok(lines.join('\n').includes(FNR));
  assert.match(lines[0]!, /payer \*{11} unknown/);
});

test('the summary: totals, timing per request type, the report files and the verdict', () => {
  const { lines, progress } = capture(3);
  const report = buildRunReport(runMeta(), [caseResult(), failingResult(), erroredResult()]);
  progress.summary(report, ['out/report.json', 'out/junit.xml']);
  const text = lines.join('\n');
  assert.match(text, /Summary: 3 cases: 1 passed, 1 failed, 1 error, 0 skipped/);
  assert.match(
    text,
    /no\.ks\.fiks\.faktura\.avdrag: 2 cases: 1 passed, 1 failed, 0 errors, 0 skipped \(N 1\/2 passed\)/,
  );
  assert.match(text, /failed: avdrag\.opprett\.N02/);
  assert.match(text, /errors: kommentar\.opprett\.N01/);
  assert.match(text, /request type +n +no answer +wait p50 +p95 +p99 +max +vendor p50 +p95 +p99 +max/);
  assert.match(
    text,
    /no\.ks\.fiks\.faktura\.avdrag\.v1\.opprett +2 +0 +800 +10412 +10412 +10412 +600 +10200 +10200 +10200/,
  );
  assert.match(text, /no\.ks\.fiks\.faktura\.kommentar\.v1\.opprett +1 +1 +- +- +- +- +- +- +- +-/);
  assert.match(text, /Reports: out\/report\.json, out\/junit\.xml/);
  assert.is(lines[lines.length - 1], 'Verdict: FAIL (exit 1)');
});

test('the summary without report files, of a passing run, says so', () => {
  const { lines, progress } = capture(1);
  progress.summary(buildRunReport(runMeta({ timingSource: 'harness' }), [caseResult()]));
  assert.ok(lines.includes('Reports: none written (use --report-dir DIR)'));
  assert.match(lines.join('\n'), /Only the harness's own points exist/);
  assert.is(lines[lines.length - 1], 'Verdict: PASS (exit 0)');
});

test('colours only when asked; none on a pipe or with NO_COLOR', () => {
  const plain = capture(1, false);
  plain.progress.caseFinished(failingResult());
  assert.not.ok(plain.lines[0]!.includes('\u001b['));
  const coloured = capture(1, true);
  coloured.progress.caseFinished(failingResult());
  assert.ok(coloured.lines[0]!.includes('\u001b[31mFAIL\u001b[39m'));
  assert.is(wantsColour({ isTTY: true }, {}), true);
  assert.is(wantsColour({ isTTY: true }, { NO_COLOR: '1' }), false);
  assert.is(wantsColour({ isTTY: false }, {}), false);
  assert.is(wantsColour({}, {}), false);
});

test.run();
