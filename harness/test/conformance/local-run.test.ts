// As a vendor runs it: the emulator on RabbitMQ and `reference-erp serve` on PostgreSQL, each its
// own process, and `fiks-conformance run --target local --emulator URL` against them; every case
// passes, with the platform's timing points from the emulator.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  POSTGRES_URL,
  POSTGRESQL,
  RABBITMQ,
  RABBITMQ_URL,
  serviceAvailable,
} from '../../../scripts/test-support/services.js';
import { BIN, runToEnd, startUntilReady } from './support/processes.js';
import { notPassing, readValidReport } from './support/run-report.js';

interface EmulatorReady {
  url: string;
  accounts: { kontoId: string; name: string; config: string }[];
}

const ready =
  (await serviceAvailable(RABBITMQ, 'conformance local run')) &&
  (await serviceAvailable(POSTGRESQL, 'conformance local run'));

test('fiks-conformance run --target local --emulator: every case passes against serve on PostgreSQL', async () => {
  if (!ready) return;
  const database = `conformance_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const databaseUrl = new URL(POSTGRES_URL);
  databaseUrl.pathname = `/${database}`;
  const env = { ...process.env, DATABASE_URL: databaseUrl.toString() };
  const configs = await mkdtemp(join(tmpdir(), 'conformance-local-'));
  const emulator = await startUntilReady<EmulatorReady>(BIN.emulator, [
    'start',
    '--broker',
    RABBITMQ_URL,
    '--write-configs',
    configs,
  ]);
  let erp: Awaited<ReturnType<typeof startUntilReady>> | undefined;
  try {
    const vendor = emulator.ready.accounts.find((a) => a.name.includes('tjener'))!;
    const klient = emulator.ready.accounts.find((a) => a.name.includes('klient'))!;
    const today = new Date().toISOString().slice(0, 10);
    const seeded = await runToEnd(BIN.erp, ['seed', '--today', today], { env });
    assert.is(seeded.code, 0, seeded.stderr);
    erp = await startUntilReady(BIN.erp, ['serve', '--today', today, '--config', vendor.config], { env });
    const reports = await mkdtemp(join(tmpdir(), 'conformance-local-report-'));
    const run = await runToEnd(BIN.conformance, [
      'run',
      '--target',
      'local',
      '--emulator',
      emulator.ready.url,
      '--config',
      klient.config,
      '--vendor',
      vendor.kontoId,
      '--today',
      today,
      '--report-dir',
      reports,
    ]);
    const { report } = await readValidReport(reports);
    assert.is(notPassing(report), '');
    assert.is(run.code, 0, run.stderr);
    assert.is(report.target, 'local');
    assert.is(report.timingSource, 'emulator');
  } finally {
    await erp?.stop();
    await emulator.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
});

test.run();
