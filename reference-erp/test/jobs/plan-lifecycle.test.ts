import { addDays } from '@fiks-faktura/sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { noticesOf } from '../../src/jobs/notices.js';
import { postPayment } from '../../src/ledger/post-payment.js';
import type { Database } from '../../src/store/database.js';
import { postgresTestDatabase } from '../support/test-databases.js';
import {
  ledgerState,
  lifecycleLedger,
  noonOf,
  planInstalments,
  runJobsOn,
} from './support/lifecycle-ledger.js';

const PLAN = 'NP-2026-0010';
const ORIGINAL = '2026-0010';

async function planStatus(db: Database): Promise<{ status: string; cancelledOn: string | null }> {
  const rows = await db.query<{ status: string; cancelledOn: string | null }>(
    'SELECT status, cancelled_on AS "cancelledOn" FROM instalment_plans WHERE plan_id = $1',
    [PLAN],
  );
  return rows[0]!;
}

async function auditActions(db: Database, action: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'SELECT count(*)::bigint AS n FROM audit_log WHERE action = $1',
    [action],
  );
  return Number(rows[0]!.n);
}

async function lifecycleOfAPlan(db?: Database): Promise<void> {
  const ledger = await lifecycleLedger(db === undefined ? {} : { db });
  try {
    const [first, second, third] = await planInstalments(ledger.db, PLAN);
    assert.ok(first && second && third);

    // On the due date nothing is overdue yet.
    await runJobsOn(ledger.db, ledger.config, first.dueDate);
    assert.equal(await noticesOf(ledger.db, first.invoiceNumber), []);

    // The day after: a written notice, once, and audit-logged.
    const dayAfter = addDays(first.dueDate, 1);
    const run = await runJobsOn(ledger.db, ledger.config, dayAfter);
    assert.is(run.plans.overdueNotices, 1);
    const notices = await noticesOf(ledger.db, first.invoiceNumber);
    assert.is(notices.length, 1);
    assert.is(notices[0]!.kind, 'AVDRAG_FORFALT');
    assert.is(notices[0]!.sentOn, dayAfter);
    assert.is(notices[0]!.amountDueOere, first.restOere);
    assert.is(notices[0]!.payBy, addDays(first.dueDate, 14));
    assert.match(notices[0]!.text, /mer enn 14 dager forfalt/);
    assert.is(await auditActions(ledger.db, 'jobb:avdrag-forfalt'), 1);
    const before = await ledgerState(ledger.db);
    const again = await runJobsOn(ledger.db, ledger.config, dayAfter);
    assert.equal(
      [again.plans.overdueNotices, again.plans.plansCancelled, again.reminders.remindersSent],
      [0, 0, 0],
    );
    assert.equal(await ledgerState(ledger.db), before, 'a second run the same day does nothing more');

    // Exactly 14 days overdue: not yet cancelled, and no second notice.
    await runJobsOn(ledger.db, ledger.config, addDays(first.dueDate, 14));
    assert.is((await planStatus(ledger.db)).status, 'AKTIV');
    assert.is((await noticesOf(ledger.db, first.invoiceNumber)).length, 1);

    // More than 14 days overdue: the plan is cancelled and the rest falls due.
    const cancelDay = addDays(first.dueDate, 15);
    const cancelled = await runJobsOn(ledger.db, ledger.config, cancelDay);
    assert.is(cancelled.plans.plansCancelled, 1);
    assert.equal(await planStatus(ledger.db), { status: 'KANSELLERT', cancelledOn: cancelDay });
    const after = await planInstalments(ledger.db, PLAN);
    assert.equal(
      after.map((i) => i.dueDate),
      [first.dueDate, cancelDay, cancelDay],
      'the instalments not yet due fall due on the day of cancellation',
    );
    const [notice] = await noticesOf(ledger.db, ORIGINAL);
    assert.is(notice!.kind, 'PLAN_KANSELLERT');
    assert.is(notice!.amountDueOere, first.restOere + second.restOere + third.restOere);
    assert.match(notice!.text, new RegExp(`${second.invoiceNumber}.*${third.invoiceNumber}`));
    const outbox = await ledger.db.query<{
      record: { fakturanummer: string; forfallsdato: string; korrigert: boolean };
    }>('SELECT record FROM innsyn_outbox WHERE released_at IS NOT NULL ORDER BY outbox_id');
    for (const item of [second, third]) {
      const record = outbox.map((r) => r.record).findLast((r) => r.fakturanummer === item.invoiceNumber);
      assert.equal([record?.forfallsdato, record?.korrigert], [cancelDay, true], item.invoiceNumber);
    }
    assert.is(await auditActions(ledger.db, 'jobb:plan-kansellert'), 1);
    const cancelledState = await ledgerState(ledger.db);
    await runJobsOn(ledger.db, ledger.config, cancelDay);
    assert.equal(await ledgerState(ledger.db), cancelledState, 'cancelling is done once');
  } finally {
    await ledger.close();
  }
}

test('plan: an overdue instalment gets a notice once; more than 14 days overdue cancels the plan', async () => {
  await lifecycleOfAPlan();
});

test('plan: a disputed instalment neither gets a notice nor cancels the plan', async () => {
  const ledger = await lifecycleLedger();
  try {
    const [first] = await planInstalments(ledger.db, PLAN);
    await ledger.db.query(
      'UPDATE invoices SET disputed = TRUE, reminders_paused = TRUE WHERE invoice_number = $1',
      [first!.invoiceNumber],
    );
    await runJobsOn(ledger.db, ledger.config, addDays(first!.dueDate, 20));
    assert.is((await planStatus(ledger.db)).status, 'AKTIV');
    assert.equal(await noticesOf(ledger.db, first!.invoiceNumber), []);
  } finally {
    await ledger.close();
  }
});

test('plan: a paid instalment is not overdue; the limit is the configured one', async () => {
  const ledger = await lifecycleLedger({ config: { instalments: { cancelAfterDaysOverdue: 3 } } });
  try {
    const [first, second] = await planInstalments(ledger.db, PLAN);
    await postPayment(
      ledger.db,
      { kid: first!.kid, beloepOere: first!.restOere, dato: first!.dueDate },
      noonOf(first!.dueDate),
    );
    await runJobsOn(ledger.db, ledger.config, addDays(second!.dueDate, 3));
    assert.is((await planStatus(ledger.db)).status, 'AKTIV');
    assert.equal(await noticesOf(ledger.db, first!.invoiceNumber), []);
    assert.is((await noticesOf(ledger.db, second!.invoiceNumber)).length, 1);
    await runJobsOn(ledger.db, ledger.config, addDays(second!.dueDate, 4));
    assert.is((await planStatus(ledger.db)).status, 'KANSELLERT');
  } finally {
    await ledger.close();
  }
});

const postgres = await postgresTestDatabase('plan lifecycle on PostgreSQL');
(postgres ? test : test.skip)('PostgreSQL: the same lifecycle', async () => {
  try {
    await lifecycleOfAPlan(postgres!.db);
  } finally {
    await postgres!.dispose();
  }
});

test.run();
