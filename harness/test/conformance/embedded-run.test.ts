// The whole suite against the reference ERP on the embedded target, as `npm start` runs it:
// every case passes, the reports are written and valid, and no fødselsnummer is in them.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, runToEnd } from '../../../scripts/test-support/child-processes.js';
import { fixtureFoedselsnumre, notPassing, readValidReport } from './support/run-report.js';

test('fiks-conformance run (embedded): every case passes against the reference ERP', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'conformance-embedded-'));
  const run = await runToEnd(BIN.conformance, ['run', '--report-dir', dir]);
  const { report, text } = await readValidReport(dir);
  assert.is(report.target, 'embedded');
  assert.is(report.timingSource, 'emulator');
  assert.is(notPassing(report), '');
  assert.is(run.code, 0, run.stderr);
  const listed = await runToEnd(BIN.conformance, ['list', '--generated']);
  const lines = listed.stdout.trim().split('\n');
  assert.match(listed.stderr, /generated; .* in all$/m, 'list ends with the counts, on stderr');
  assert.is(report.cases.length, lines.length, 'every listed case ran');
  for (const protocol of ['betalingsutsettelse', 'avdrag', 'kommentar'])
    assert.ok(
      report.cases.some((c) => c.id.startsWith(`${protocol}.`)),
      protocol,
    );
  const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
  assert.is((junit.match(/<testsuite /g) ?? []).length, 3);
  assert.is((junit.match(/<testcase /g) ?? []).length, report.cases.length);
  for (const fnr of fixtureFoedselsnumre()) {
    assert.not.ok(text.includes(fnr), `report.json holds ${fnr.slice(0, 6)}…`);
    assert.not.ok(junit.includes(fnr), `junit.xml holds ${fnr.slice(0, 6)}…`);
    assert.not.ok(run.stdout.includes(fnr), `the console shows ${fnr.slice(0, 6)}…`);
  }
  assert.match(run.stdout, /\[\d+\/\d+\] PASS /);
});

test('--repeat and --expect-failures: attempts are reported, and a stale expected failure fails the run', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'conformance-expect-'));
  const expectFile = join(dir, 'expected-failures.json');
  await writeFile(
    expectFile,
    JSON.stringify({ entries: [{ case: 'kommentar.send.N01', reason: 'routing table not migrated yet' }] }),
  );
  const run = await runToEnd(BIN.conformance, [
    'run',
    '--case',
    'kommentar.send.N01',
    '--repeat',
    '2',
    '--expect-failures',
    expectFile,
    '--report-dir',
    dir,
  ]);
  const { text } = await readValidReport(dir);
  const report = JSON.parse(text) as {
    cases: {
      id: string;
      verdict: string;
      attempts: string[] | null;
      expectedFailure: { outcome: string } | null;
    }[];
  };
  assert.is(report.cases.length, 1);
  const [only] = report.cases;
  assert.equal(only!.attempts, ['pass', 'pass']);
  assert.is(only!.expectedFailure?.outcome, 'now-passing');
  assert.is(run.code, 1, 'an expected failure that passes fails the run');
});

test.run();
