// The protocol-surface coverage in report.json (schema-valid, computed from the recorded exchanges)
// and report.html, and --min-coverage: below it the run fails with exit code 1 and says why.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { surfaceCoverage } from '../../../src/conformance/coverage/index.js';
import { buildRunReport, exitCodeOf, renderHtmlReport } from '../../../src/conformance/report/index.js';
import { reportSchemaErrors } from './report-schema.js';
import { caseResult, erroredResult, runMeta } from './sample-results.js';

const cases = () => [caseResult()];

test('report.json holds the coverage of the exchanges, and is valid against its schema', () => {
  const report = buildRunReport(runMeta(), cases());
  assert.equal(reportSchemaErrors(report), []);
  const expected = surfaceCoverage(
    cases().flatMap((c) => c.exchanges),
    [{ protocol: 'no.ks.fiks.faktura.avdrag', version: 'v1' }],
  );
  assert.equal(report.coverage, expected);
  assert.ok(report.coverage.total > 0);
  assert.ok(report.coverage.exercised > 0, 'the answered avdrag request exercised nothing');
  assert.is(report.coverage.threshold, null);
  assert.is(report.coverage.met, null);
});

test('--min-coverage: reached, the verdict stands; below it, the run fails (exit 1) and says why', () => {
  const percent = buildRunReport(runMeta(), cases()).coverage.percent;
  const met = buildRunReport({ ...runMeta(), minCoverage: percent }, cases());
  assert.is(met.verdict, 'pass');
  assert.is(met.exitCode, 0);
  assert.is(exitCodeOf(met), 0);
  assert.is(met.coverage.met, true);
  const below = buildRunReport({ ...runMeta(), minCoverage: percent + 0.1 }, cases());
  assert.equal(reportSchemaErrors(below), []);
  assert.is(below.verdict, 'fail');
  assert.is(below.exitCode, 1);
  assert.is(exitCodeOf(below), 1);
  assert.is(below.coverage.met, false);
  assert.ok(below.summary.warnings.some((w) => w.includes('--min-coverage')));
  // A run with only errors that misses the threshold fails too.
  const errored = buildRunReport({ ...runMeta(), minCoverage: 100 }, [erroredResult()]);
  assert.is(errored.exitCode, 1);
});

test('report.html shows the coverage, the threshold and what was not exercised', () => {
  const report = buildRunReport({ ...runMeta(), minCoverage: 100 }, cases());
  const html = renderHtmlReport(report);
  assert.ok(html.includes(`data-coverage-percent="${report.coverage.percent}"`));
  assert.ok(html.includes('data-coverage-met="false"'));
  const missing = report.coverage.protocols[0]!.items.find(
    (i) => !i.exercised && i.kind === 'denial-reason',
  )!;
  assert.ok(
    html.includes(`<code>${missing.value}</code>`),
    `${missing.value} is not listed as not exercised`,
  );
});

test.run();
