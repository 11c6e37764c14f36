import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BIN,
  type Finished,
  runToEnd,
  withoutDatabaseUrl,
} from '../../../scripts/test-support/child-processes.js';

const data = mkdtempSync(join(tmpdir(), 'erp-lifecycle-cli-'));

function run(args: string[]): Promise<Finished> {
  return runToEnd(BIN.erp, [...args, '--data', data], { env: withoutDatabaseUrl() });
}

function refusedWith(result: Finished, code: string): void {
  assert.is(result.code, 2, result.stderr);
  assert.is(result.stdout, '');
  assert.match(result.stderr, new RegExp(`^reference-erp: ${code}: .*--force`));
  assert.is(result.stderr.trim().split('\n').length, 1);
}

test.before(async () => {
  const seeded = await run(['seed', '--today', '2026-03-04']);
  assert.is(seeded.code, 0, seeded.stderr);
});
test.after(() => rmSync(data, { recursive: true, force: true }));

test('pay: a duplicate bank reference and an over-payment exit 2 and book nothing, unless --force', async () => {
  // 2026-0001: 3 456,78 kr open, KID 4601202600012 (protocols/fixtures/ledger.json).
  const kid = '4601202600012';
  const pay = (amount: number, ...more: string[]) =>
    run(['pay', '--kid', kid, '--beloep-oere', String(amount), '--dato', '2026-03-05', ...more]);
  const first = await pay(10_000, '--bankreferanse', 'ARK-7');
  assert.is(first.code, 0, first.stderr);
  const rest = JSON.parse(first.stdout).restbeloepOere as number;

  refusedWith(await pay(10_000, '--bankreferanse', 'ARK-7'), 'PAYMENT_DUPLICATE');
  refusedWith(await pay(rest + 1, '--bankreferanse', 'ARK-8'), 'PAYMENT_OVERPAID');
  const unchanged = JSON.parse((await run(['open-items', '--payer', '15838541280'])).stdout);
  assert.is(unchanged.openItems.find((i: { kid: string }) => i.kid === kid).restbeloepOere, rest);

  const forced = await pay(rest + 1, '--bankreferanse', 'ARK-8', '--force');
  assert.is(forced.code, 0, forced.stderr);
  const booked = JSON.parse(forced.stdout);
  assert.equal([booked.status, booked.restbeloepOere, booked.overbetaltOere], ['BETALT', 0, 1]);
});

test('usage errors exit 64', async () => {
  const result = await run(['pay', '--kid', '123']);
  assert.is(result.code, 64);
  assert.match(result.stderr, /^reference-erp: USAGE: /);
});

test('run-jobs --today: the plan job and reminders run once a day, and say what they did', async () => {
  const config = join(data, 'erp-config.json');
  writeFileSync(config, JSON.stringify({ reminders: { feeOere: 3000 } }));
  // NP-2026-0010's first instalment falls due 2026-03-19: more than 14 days overdue on 2026-04-03.
  const first = await run(['run-jobs', '--today', '2026-04-03', '--erp-config', config]);
  assert.is(first.code, 0, first.stderr);
  const summary = JSON.parse(first.stdout);
  assert.is(summary.today, '2026-04-03');
  assert.is(summary.plans.plansCancelled, 1);
  assert.ok(summary.reminders.remindersSent > 0);
  assert.is(summary.reminders.feesOere, summary.reminders.remindersSent * 3000);
  assert.is(summary.innsyn, null, 'no publishing target configured');
  const again = JSON.parse((await run(['run-jobs', '--today', '2026-04-03', '--erp-config', config])).stdout);
  assert.equal(
    [again.plans.overdueNotices, again.plans.plansCancelled, again.reminders.remindersSent],
    [0, 0, 0],
  );
  const bad = await run(['run-jobs', '--today', '2026-02-30']);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /^reference-erp: INVALID_CALENDAR_DATE: /);
});

test.run();
