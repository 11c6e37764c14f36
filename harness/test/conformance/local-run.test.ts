// As a vendor runs it: the emulator on RabbitMQ and `reference-erp serve` on PostgreSQL, each its
// own process, and `fiks-conformance run --target local --emulator URL` against them; every case
// passes, with the platform's timing points from the emulator.
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BIN,
  runToEnd,
  type Started,
  startUntilReady,
} from '../../../scripts/test-support/child-processes.js';
import {
  POSTGRES_URL,
  POSTGRESQL,
  RABBITMQ,
  RABBITMQ_URL,
  serviceAvailable,
} from '../../../scripts/test-support/services.js';
import { runAgainst, startEmulatorProcess } from './support/emulator-process.js';
import { notPassing, readValidReport } from './support/run-report.js';

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
  const emulator = await startEmulatorProcess(['--broker', RABBITMQ_URL]);
  let erp: Started<unknown> | undefined;
  try {
    const today = new Date().toISOString().slice(0, 10);
    const seeded = await runToEnd(BIN.erp, ['seed', '--today', today], { env });
    assert.is(seeded.code, 0, seeded.stderr);
    erp = await startUntilReady(BIN.erp, ['serve', '--today', today, '--config', emulator.vendor.config], {
      env,
    });
    const { reports, ...run } = await runAgainst(emulator, 'local', ['--today', today]);
    const { report } = await readValidReport(reports);
    assert.is(notPassing(report), '');
    assert.is(run.code, 0, run.stderr);
    assert.is(report.target, 'local');
    assert.is(report.timingSource, 'emulator');
  } finally {
    await erp?.stop();
    await emulator.process.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
});

test.run();
