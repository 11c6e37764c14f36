import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { type FiksError, isFiksError } from '@fiks-faktura/sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  applyExpectedFailures,
  buildRunReport,
  type ExpectedFailures,
  loadExpectedFailures,
  parseExpectedFailures,
} from '../../../src/conformance/report/index.js';
import type { ReportErrorCode } from '../../../src/conformance/report/report-error.js';
import { caseResult, check, erroredResult, failingResult, runMeta } from './sample-results.js';

function invalid(json: unknown): FiksError {
  try {
    parseExpectedFailures(json, 'known-gaps.json');
  } catch (error) {
    assert.ok(isFiksError<ReportErrorCode>(error, 'EXPECTED_FAILURES_INVALID'), String(error));
    return error as FiksError;
  }
  throw new Error('expected EXPECTED_FAILURES_INVALID');
}

test('the example file is valid', () => {
  const expected = loadExpectedFailures(join(protocolsRoot, 'conformance', 'expected-failures.example.json'));
  assert.ok(expected.entries.length >= 2);
  assert.ok(expected.entries.every((e) => e.reason.trim() !== ''));
});

test('every error is listed, naming the file and the field', () => {
  const error = invalid({
    entries: [
      { case: 'avdrag.opprett.N03', reason: '   ' },
      { case: 'x' },
      { case: 'y', reason: 'r', checks: [] },
      { reason: 'r', extra: 1 },
    ],
  });
  const problems = (error.details as { problems: string[] }).problems;
  assert.equal(problems, [
    'entries[0].reason must not be blank',
    'entries[1].reason is required',
    'entries[2].checks must NOT have fewer than 1 items',
    'entries[3].case is required',
    'entries[3].extra is not a known field (case, reason, checks)',
  ]);
  assert.match(
    error.message,
    /^known-gaps\.json does not match expected-failures\.schema\.json: entries\[0\]\.reason must not be blank; /,
  );
  assert.match(invalid({}).message, /entries is required/);
  assert.match(invalid([]).message, /\(top level\) must be object/);
});

test('an unreadable or non-JSON file fails with EXPECTED_FAILURES_INVALID naming it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'expected-failures-'));
  try {
    const path = join(dir, 'bad.json');
    await writeFile(path, '{ "entries": [ ');
    assert.throws(
      () => loadExpectedFailures(path),
      (e: unknown) =>
        isFiksError<ReportErrorCode>(e, 'EXPECTED_FAILURES_INVALID') &&
        (e as Error).message.startsWith(`${path} is not JSON`),
    );
    const missing = join(dir, 'missing.json');
    assert.throws(
      () => loadExpectedFailures(missing),
      (e: unknown) =>
        isFiksError<ReportErrorCode>(e, 'EXPECTED_FAILURES_INVALID') &&
        (e as Error).message === `${missing} cannot be read: ENOENT`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

const expected = (entries: ExpectedFailures['entries']): ExpectedFailures => ({
  path: 'known-gaps.json',
  entries,
});

test('a listed case that fails is still failing (not a failure); one that passes is now passing (a failure)', () => {
  const [failed, passed, other] = applyExpectedFailures(
    [failingResult(), caseResult({ id: 'avdrag.opprett.N05' }), caseResult({ id: 'kommentar.opprett.N01' })],
    expected([
      { case: 'avdrag.opprett.N02', reason: 'ERP-1' },
      { case: 'avdrag.*', reason: 'ERP-2' },
    ]),
  );
  assert.equal(failed!.expectedFailure, { reason: 'ERP-1', outcome: 'still-failing' });
  assert.equal(passed!.expectedFailure, { reason: 'ERP-2', outcome: 'now-passing' });
  assert.is(other!.expectedFailure, undefined);
  const report = buildRunReport(runMeta(), [failed!]);
  assert.is(report.exitCode, 0);
  assert.equal(report.summary.expectedFailures.stillFailing, ['avdrag.opprett.N02']);
  const stale = buildRunReport(runMeta(), [passed!]);
  assert.is(stale.exitCode, 1);
  assert.equal(stale.summary.expectedFailures.nowPassing, ['avdrag.opprett.N05']);
  assert.equal(stale.summary.failed, ['avdrag.opprett.N05']);
});

test('with checks listed, only those may fail; none failing makes the entry stale', () => {
  const twoFailing = failingResult({ checks: [check('deadline', 'fail'), check('payload.schema', 'fail')] });
  const [covered] = applyExpectedFailures(
    [twoFailing],
    expected([{ case: '*', reason: 'r', checks: ['deadline', 'payload.*'] }]),
  );
  assert.equal(covered!.expectedFailure, { reason: 'r', outcome: 'still-failing' });
  const [partly] = applyExpectedFailures(
    [twoFailing],
    expected([{ case: '*', reason: 'r', checks: ['deadline'] }]),
  );
  assert.equal(partly!.expectedFailure, {
    reason: 'r',
    outcome: 'still-failing',
    uncoveredChecks: ['payload.schema'],
  });
  const report = buildRunReport(runMeta(), [partly!]);
  assert.is(report.exitCode, 1);
  assert.match(report.summary.warnings[0]!, /also failed checks its entry does not list: payload\.schema/);
  const [elsewhere] = applyExpectedFailures(
    [twoFailing],
    expected([{ case: '*', reason: 'r', checks: ['asice.signer'] }]),
  );
  assert.is(elsewhere!.expectedFailure?.outcome, 'now-passing');
});

test('errors, skips and unstable cases are not excused; the input is not changed', () => {
  const input = [
    erroredResult(),
    caseResult({ verdict: 'skip', reason: 'x' }),
    failingResult({ id: 'u', unstable: true, attempts: ['pass', 'fail'] }),
  ];
  const out = applyExpectedFailures(input, expected([{ case: '*', reason: 'r' }]));
  assert.ok(out.every((c) => c.expectedFailure === undefined));
  assert.is(buildRunReport(runMeta(), [out[2]!]).exitCode, 1);
  const [one] = applyExpectedFailures([failingResult()], expected([{ case: '*', reason: 'r' }]));
  assert.is.not(one, input[0]);
  assert.ok(input.every((c) => c.expectedFailure === undefined));
});

test.run();
