import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CaseResult } from '../../../src/conformance/model/case-result.js';
import { buildRunReport, FOEDSELSNUMMER_MASK, NAME_MASK } from '../../../src/conformance/report/index.js';
import { reportSchemaErrors } from './report-schema.js';
import { caseResult, check, erroredResult, exchange, FNR, failingResult, runMeta } from './sample-results.js';

test('a built report matches report.schema.json', () => {
  const report = buildRunReport(runMeta(), [
    caseResult(),
    failingResult(),
    erroredResult(),
    caseResult({
      id: 'avdrag.opprett.F01',
      situation: 'F',
      verdict: 'skip',
      reason: 'profile',
      checks: [],
      exchanges: [],
    }),
  ]);
  assert.equal(reportSchemaErrors(report), []);
});

test('the schema catches a report that is not right (it can fail)', () => {
  const report = buildRunReport(runMeta(), [caseResult()]);
  const broken = JSON.parse(JSON.stringify(report));
  broken.cases[0].verdict = 'passed';
  delete broken.cases[0].exchanges[0].timeline.sentAt;
  broken.cases[0].checks[0].extra = 1;
  assert.is(reportSchemaErrors(broken).length, 3);
});

test('a report with the harness timing only (remote Fiks IO) matches the schema and says so', () => {
  const report = buildRunReport(runMeta({ timingSource: 'harness', target: 'remote' }), [
    caseResult({ exchanges: [exchange({ emulator: false })] }),
  ]);
  assert.equal(reportSchemaErrors(report), []);
  assert.is(report.timing.source, 'harness');
  assert.match(report.timing.note, /Only the harness's own points exist/);
  const t = report.timing.byRequestType[0]!;
  assert.is(t.vendor, null);
  assert.is(t.citizenWait?.max, 800);
  const e = report.cases[0]!.exchanges[0]!;
  assert.equal(e.durations, { citizenWaitMs: 800, acceptMs: 20, platformMs: null, vendorMs: null });
  assert.is(e.timeline.deliveredAt, null);
});

test('every exchange has its timeline and durations; envelopes only as size and SHA-256', () => {
  const report = buildRunReport(runMeta(), [caseResult()]);
  const e = report.cases[0]!.exchanges[0]!;
  assert.equal(e.timeline, {
    source: 'emulator',
    sentAt: '2026-03-02T08:15:00.000Z',
    acceptedAt: '2026-03-02T08:15:00.020Z',
    deliveredAt: '2026-03-02T08:15:00.100Z',
    answerAcceptedAt: '2026-03-02T08:15:00.700Z',
    answerReceivedAt: '2026-03-02T08:15:00.800Z',
  });
  assert.equal(e.durations, { citizenWaitMs: 800, acceptMs: 20, platformMs: 200, vendorMs: 600 });
  assert.is(e.request.envelope!.size, 'request envelope'.length);
  assert.match(e.request.envelope!.sha256, /^[0-9a-f]{64}$/);
  const json = JSON.stringify(report);
  assert.not.ok(json.includes('request envelope'));
  assert.not.ok(json.includes('BEGIN CERTIFICATE'));
  const opened = e.replies[0]!.opened;
  assert.ok(opened?.ok === true && opened.signature.status === 'verified');
});

test('personal data is masked in the report: payloads, messages, reasons', () => {
  const report = buildRunReport(runMeta(), [
    failingResult({
      checks: [check('assertions', 'fail', { message: `expected innbygger ${FNR}, got none` })],
      reason: `payer ${FNR}`,
    }),
  ]);
  const json = JSON.stringify(report);
  assert.not.ok(json.includes(FNR));
  assert.not.ok(json.includes('Ola Nordmann'));
  const c = report.cases[0]!;
  assert.is(c.checks[0]!.message, `expected innbygger ${FOEDSELSNUMMER_MASK}, got none`);
  assert.equal(c.exchanges[0]!.request.payload, {
    foresporselId: 'x',
    innbygger: { foedselsnummer: FOEDSELSNUMMER_MASK },
    antallAvdrag: 4,
  });
  const opened = c.exchanges[0]!.replies[0]!.opened;
  assert.ok(opened?.ok);
  if (opened?.ok)
    assert.equal((opened.payload as { innbygger: unknown }).innbygger, {
      foedselsnummer: FOEDSELSNUMMER_MASK,
      navn: NAME_MASK,
    });
});

test('building a report leaves the recorded results as they were', () => {
  const input = failingResult({ reason: `payer ${FNR}` });
  const before = JSON.stringify(input);
  buildRunReport(runMeta(), [input]);
  assert.is(JSON.stringify(input), before);
  assert.ok(before.includes(FNR));
});

test('checks carry id, verdict, spec, message, step and attempt', () => {
  const report = buildRunReport(runMeta(), [
    caseResult({
      checks: [
        check('deadline', 'pass', { attempt: 2 }),
        check('no-second-reply', 'pass', { step: undefined }),
      ],
    }),
  ]);
  const [a, b] = report.cases[0]!.checks;
  assert.equal(a, {
    id: 'deadline',
    verdict: 'pass',
    severity: 'failure',
    spec: 'no.ks.fiks.faktura.avdrag/v1/README.md#deadline',
    message: 'deadline holds',
    step: 1,
    attempt: 2,
  });
  assert.is(b!.step, null);
  assert.is(b!.attempt, 1);
});

test('the summary counts cases by verdict, protocol and situation, and checks by verdict', () => {
  const report = buildRunReport(runMeta(), [
    caseResult(),
    caseResult({ id: 'avdrag.opprett.F01', situation: 'F', checks: [check('deadline', 'warn')] }),
    failingResult(),
    erroredResult(),
  ]);
  const s = report.summary;
  assert.equal(s.cases, { total: 4, pass: 2, fail: 1, error: 1, skip: 0 });
  const avdrag = s.byProtocol.find((p) => p.protocol === 'no.ks.fiks.faktura.avdrag')!;
  assert.equal(avdrag.bySituation.N, { total: 2, pass: 1, fail: 1, error: 0, skip: 0 });
  assert.equal(avdrag.bySituation.F, { total: 1, pass: 1, fail: 0, error: 0, skip: 0 });
  assert.equal(
    s.byProtocol.map((p) => p.protocol),
    ['no.ks.fiks.faktura.avdrag', 'no.ks.fiks.faktura.kommentar'],
  );
  assert.equal(s.checks, { total: 5, pass: 3, fail: 1, warn: 1, error: 0, skip: 0 });
  assert.equal(s.failed, ['avdrag.opprett.N02']);
  assert.equal(s.errored, ['kommentar.opprett.N01']);
});

test('timing per request type: count, p50, p95, p99, max of the wait and of the vendor time', () => {
  const waits = Array.from({ length: 100 }, (_, i) => i + 1);
  const report = buildRunReport(runMeta(), [
    caseResult({ exchanges: waits.map((w) => exchange({ waitMs: w * 10, vendorMs: w })) }),
    erroredResult(),
  ]);
  const [avdrag, kommentar] = report.timing.byRequestType;
  assert.equal(avdrag!.citizenWait, { count: 100, p50: 500, p95: 950, p99: 990, max: 1000 });
  assert.equal(avdrag!.vendor, { count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
  assert.equal(avdrag!.platform, { count: 100, p50: 450, p95: 855, p99: 891, max: 900 });
  assert.equal([avdrag!.exchanges, avdrag!.unanswered], [100, 0]);
  assert.is(kommentar!.requestType, 'no.ks.fiks.faktura.kommentar.v1.opprett');
  assert.equal([kommentar!.exchanges, kommentar!.unanswered], [1, 1]);
  assert.is(kommentar!.citizenWait, null);
});

function exit(cases: CaseResult[]): number {
  const report = buildRunReport(runMeta(), cases);
  assert.is(report.verdict, (['pass', 'fail', 'error'] as const)[report.exitCode]);
  return report.exitCode;
}

test('exit code: 0 nothing failed or errored, 1 a case failed, 2 only errors', () => {
  assert.is(exit([caseResult(), caseResult({ verdict: 'skip', reason: 'x' })]), 0);
  assert.is(exit([caseResult(), failingResult()]), 1);
  assert.is(exit([caseResult(), erroredResult()]), 2);
  assert.is(exit([failingResult(), erroredResult()]), 1);
  assert.is(exit([]), 0);
});

test('exit code: unstable fails; an expected failure still failing does not; one now passing does', () => {
  assert.is(exit([caseResult({ verdict: 'fail', unstable: true, attempts: ['pass', 'fail'] })]), 1);
  assert.is(exit([failingResult({ expectedFailure: { reason: 'ticket 1', outcome: 'still-failing' } })]), 0);
  assert.is(exit([caseResult({ expectedFailure: { reason: 'ticket 1', outcome: 'now-passing' } })]), 1);
  assert.is(
    exit([
      failingResult({
        expectedFailure: { reason: 't', outcome: 'still-failing', uncoveredChecks: ['payload.schema'] },
      }),
    ]),
    1,
  );
  assert.is(
    exit([failingResult({ expectedFailure: { reason: 't', outcome: 'still-failing' } }), erroredResult()]),
    2,
  );
});

test('the run verdict follows the exit code', () => {
  assert.is(buildRunReport(runMeta(), [caseResult()]).verdict, 'pass');
  assert.is(buildRunReport(runMeta(), [failingResult()]).verdict, 'fail');
  assert.is(buildRunReport(runMeta(), [erroredResult()]).verdict, 'error');
});

test('expected-failure entries matching no case of the run are warnings in the summary', () => {
  const report = buildRunReport(
    runMeta({
      expectedFailures: {
        path: 'known.json',
        entries: [{ case: 'avdrag.*' }, { case: 'kommentar.opprett.N9?' }],
      },
      warnings: ['1 reply answered no request of this run'],
    }),
    [caseResult()],
  );
  assert.equal(report.summary.expectedFailures.unmatchedEntries, ['kommentar.opprett.N9?']);
  assert.equal(report.summary.warnings, [
    '1 reply answered no request of this run',
    'known.json: the entry for "kommentar.opprett.N9?" matches no case of this run',
  ]);
});

test('the run facts are recorded', () => {
  const report = buildRunReport(runMeta({ filters: { case: 'avdrag.*' } }), [caseResult()]);
  assert.is(report.durationMs, 12_000);
  assert.equal(report.vendor, { kontoId: 'vendor-konto', name: 'Reference ERP' });
  assert.equal(report.filters, { protocols: [], case: 'avdrag.*', situation: null, generated: true });
  assert.equal(report.profile, { name: null, path: null, values: { deferral: { maxPerPayer: 2 } } });
  assert.is(report.suiteHash, 'b'.repeat(64));
  assert.equal(reportSchemaErrors(report), []);
});

test.run();
