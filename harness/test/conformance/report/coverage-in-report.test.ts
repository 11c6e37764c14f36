// The protocol-surface coverage in report.json (schema-valid, computed from the recorded exchanges)
// and report.html, and --min-coverage: below it the run fails with exit code 1 and says why.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { surfaceCoverage } from '../../../src/conformance/coverage/index.js';
import { buildRunReport, renderHtmlReport } from '../../../src/conformance/report/index.js';
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
  assert.is(met.coverage.met, true);
  const below = buildRunReport({ ...runMeta(), minCoverage: percent + 0.1 }, cases());
  assert.equal(reportSchemaErrors(below), []);
  assert.is(below.verdict, 'fail');
  assert.is(below.exitCode, 1);
  assert.is(below.coverage.met, false);
  assert.ok(below.summary.warnings.some((w) => w.includes('--min-coverage')));
  // Judged cases and errors: the shortfall still fails the run.
  const mixed = buildRunReport({ ...runMeta(), minCoverage: 100 }, [...cases(), erroredResult()]);
  assert.equal([mixed.exitCode, mixed.verdict], [1, 'fail']);
});

test('--min-coverage missed when every case errored: nothing was judged, so exit 2, never a vendor failure', () => {
  const errored = buildRunReport({ ...runMeta(), minCoverage: 100 }, [erroredResult(), erroredResult()]);
  assert.is(errored.coverage.met, false);
  assert.equal([errored.exitCode, errored.verdict], [2, 'error']);
  assert.ok(
    errored.summary.warnings.some((w) => w.includes('--min-coverage') && w.includes('every case errored')),
    errored.summary.warnings.join('\n'),
  );
  assert.equal(reportSchemaErrors(errored), []);
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
