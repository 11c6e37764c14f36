// The harness and the invoicing system as separate processes with no service installed: the
// emulator on its in-memory broker, `reference-erp serve` on PGlite. `--target remote` runs from
// the harness's own account as against KS's Fiks IO (only the harness's timing points); `--target
// local` starts the emulator itself, prints the vendor's config and waits for the system.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, runToEnd, startUntilReady } from '../../../scripts/test-support/child-processes.js';
import type { LocalTargetReadyLine } from '../../src/conformance/runner/local-emulator-target.js';
import { runAgainst, startEmulatorProcess } from './support/emulator-process.js';
import { notPassing, readValidReport } from './support/run-report.js';

const today = new Date().toISOString().slice(0, 10);

/** `reference-erp serve` on a fresh PGlite ledger seeded for today, answering on the config's account. */
async function startErp(config: string) {
  const data = await mkdtemp(join(tmpdir(), 'conformance-erp-'));
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const seeded = await runToEnd(BIN.erp, ['seed', '--today', today, '--data', data], { env });
  assert.is(seeded.code, 0, seeded.stderr);
  return startUntilReady(BIN.erp, ['serve', '--today', today, '--data', data, '--config', config], { env });
}

test('--target remote: the harness account against an emulator started apart', async () => {
  const emulator = await startEmulatorProcess();
  const erp = await startErp(emulator.vendor.config);
  try {
    const { reports, ...run } = await runAgainst(emulator, 'remote', [
      '--protocol',
      'no.ks.fiks.faktura.kommentar',
      '--case',
      'kommentar.send.N0?',
      '--today',
      today,
    ]);
    const { report } = await readValidReport(reports);
    assert.is(notPassing(report), '');
    assert.is(run.code, 0, run.stderr);
    assert.is(report.target, 'remote');
    assert.is(report.timingSource, 'harness');
    assert.ok(report.cases.every((c) => c.id.startsWith('kommentar.')));
  } finally {
    await erp.stop();
    await emulator.process.stop();
  }
});

test('--target local: the harness starts the emulator, prints the vendor config and waits for it', async () => {
  const configs = await mkdtemp(join(tmpdir(), 'conformance-local-own-'));
  const reports = await mkdtemp(join(tmpdir(), 'conformance-local-own-report-'));
  const harness = await startUntilReady<LocalTargetReadyLine>(BIN.conformance, [
    'run',
    '--target',
    'local',
    '--write-configs',
    configs,
    '--wait',
    '60',
    '--protocol',
    'no.ks.fiks.faktura.betalingsutsettelse',
    '--situation',
    'F',
    '--no-generated',
    '--today',
    today,
    '--report-dir',
    reports,
  ]);
  assert.ok(harness.ready.vendor.config, 'the vendor config is written');
  const erp = await startErp(harness.ready.vendor.config!);
  try {
    const code = await harness.exited;
    const { report } = await readValidReport(reports);
    assert.is(notPassing(report), '');
    assert.is(code, 0);
    assert.is(report.target, 'local');
    assert.ok(report.cases.every((c) => c.id.startsWith('betalingsutsettelse.')));
  } finally {
    await erp.stop();
    await harness.stop();
  }
});

test('an emulator beyond loopback: its timeline and control need the token the ready line gives', async () => {
  const emulator = await startEmulatorProcess(['--host', '0.0.0.0']);
  const erp = await startErp(emulator.vendor.config);
  try {
    const token = (emulator.process.ready as { controlToken?: string }).controlToken;
    assert.type(token, 'string');
    const cases = [
      '--case',
      'betalingsutsettelse.opprett.N30',
      '--case',
      'kommentar.send.N02',
      '--today',
      today,
    ];
    const withToken = await runAgainst(emulator, 'local', [...cases, '--emulator-token', token!]);
    const { report } = await readValidReport(withToken.reports);
    assert.is(notPassing(report), '');
    assert.is(withToken.code, 0, withToken.stderr);
    const without = await runAgainst(emulator, 'local', cases);
    const refused = (await readValidReport(without.reports)).report;
    const held = refused.cases.find((c) => c.id === 'betalingsutsettelse.opprett.N30');
    assert.is(held?.verdict, 'error', 'holding delivery needs the token: the harness cannot, and says so');
    assert.is(without.code, 2);
  } finally {
    await erp.stop();
    await emulator.process.stop();
  }
});

test('usage errors exit 64 with one line naming the flag', async () => {
  const run = await runToEnd(BIN.conformance, ['run', '--target', 'remote']);
  assert.is(run.code, 64);
  assert.match(run.stderr, /^fiks-conformance: USAGE: .*--config/);
  assert.is(run.stderr.trim().split('\n').length, 1);
  const repeat = await runToEnd(BIN.conformance, ['run', '--repeat', '0']);
  assert.is(repeat.code, 64);
  assert.match(repeat.stderr, /--repeat/);
});

test('a vendor account nobody consumes: the platform expires the request, an error and never a pass', async () => {
  const emulator = await startEmulatorProcess();
  try {
    const { reports, ...run } = await runAgainst(emulator, 'remote', ['--case', 'kommentar.send.N01']);
    assert.is(run.code, 2, run.stderr);
    const { report } = await readValidReport(reports);
    const [only] = report.cases;
    assert.is(only!.verdict, 'error');
    const deadline = only!.checks.find((c) => c.id === 'deadline');
    assert.ok(deadline && deadline.verdict !== 'pass', JSON.stringify(deadline));
    assert.match(deadline!.message, /tidsavbrudd/);
  } finally {
    await emulator.process.stop();
  }
});

test.run();
