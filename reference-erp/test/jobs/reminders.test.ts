import { addDays, type CalendarDate, daysBetween } from '@fiks-faktura/sdk';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveErpConfig } from '../../src/config/load-erp-config.js';
import { noticesOf } from '../../src/jobs/notices.js';
import { LEGAL_REMINDER_FEE_CAP_OERE, REMINDER_FEE_LAW } from '../../src/jobs/reminder-fee-law.js';
import { type ReminderRules, reminderDue } from '../../src/jobs/reminder-schedule.js';
import { insertInvoice } from '../../src/ledger/insert-invoice.js';
import { readInvoice } from '../../src/ledger/invoice.js';
import type { Database } from '../../src/store/database.js';
import { lifecycleLedger, runJobsOn } from './support/lifecycle-ledger.js';

const RULES: ReminderRules = { ...resolveErpConfig().reminders, minDaysAfterDueDate: 14 };

test('the legal fee cap is 1/20 of the inkassosats (35 kr), and the defaults keep within the law', () => {
  assert.is(LEGAL_REMINDER_FEE_CAP_OERE, 3500);
  assert.is(REMINDER_FEE_LAW.inkassosatsOere / 20, LEGAL_REMINDER_FEE_CAP_OERE);
  const config = resolveErpConfig();
  assert.equal(config.reminders, { feeOere: 3500, feeCapOere: 3500, maxFees: 2, minDaysBetween: 14 });
  assert.is(config.reminderMinDaysAfterDueDate, REMINDER_FEE_LAW.tidligstDagerEtterForfall);
  try {
    resolveErpConfig({ reminders: { feeOere: 7000 } });
    assert.unreachable('a fee above the cap is refused');
  } catch (error) {
    assert.is((error as { code?: string }).code, 'CONFIG_INVALID');
    assert.match((error as Error).message, /reminders\.feeOere/);
  }
});

const day = (offset: number) => addDays('2026-01-01' as CalendarDate, offset);

test('reminders keep the legal limits whatever days the job runs (property)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 400 }),
      fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
      fc.uniqueArray(fc.integer({ min: -30, max: 200 }), { maxLength: 60 }),
      fc.record({
        feeOere: fc.integer({ min: 0, max: 3500 }),
        maxFees: fc.integer({ min: 0, max: 4 }),
        minDaysBetween: fc.integer({ min: 1, max: 30 }),
        minDaysAfterDueDate: fc.integer({ min: 0, max: 30 }),
      }),
      (dueOffset, nextOffset, runOffsets, limits) => {
        const rules: ReminderRules = { ...RULES, ...limits };
        const dueDate = day(dueOffset);
        const nextReminderDate = nextOffset === undefined ? null : addDays(dueDate, nextOffset);
        const sentOn: CalendarDate[] = [];
        for (const offset of [...runOffsets].sort((a, b) => a - b)) {
          const today = addDays(dueDate, offset);
          const due = reminderDue({ dueDate, nextReminderDate, sentOn }, today, rules);
          if (due === null) continue;
          if (due.sequence !== sentOn.length + 1) return false;
          if (due.feeOere > rules.feeCapOere || due.feeOere > LEGAL_REMINDER_FEE_CAP_OERE) return false;
          if (daysBetween(today, due.payBy) < rules.minDaysBetween) return false;
          sentOn.push(today);
        }
        if (sentOn.length > rules.maxFees) return false;
        for (const [i, sent] of sentOn.entries()) {
          if (daysBetween(dueDate, sent) < rules.minDaysAfterDueDate) return false;
          if (nextReminderDate !== null && sent < nextReminderDate) return false;
          if (i > 0 && daysBetween(sentOn[i - 1]!, sent) < rules.minDaysBetween) return false;
        }
        return true;
      },
    ),
    { numRuns: 500 },
  );
});

test('run daily, an unpaid invoice gets exactly the allowed reminders, on the first allowed days (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 400 }), (dueOffset) => {
      const dueDate = day(dueOffset);
      const sentOn: CalendarDate[] = [];
      for (let offset = 0; offset <= 120; offset++) {
        const today = addDays(dueDate, offset);
        if (reminderDue({ dueDate, nextReminderDate: null, sentOn }, today, RULES)) sentOn.push(today);
      }
      return sentOn.join() === [addDays(dueDate, 14), addDays(dueDate, 28)].join();
    }),
  );
});

async function addOverdueInvoice(db: Database, invoiceNumber: string, kid: string, dueDate: CalendarDate) {
  const base = (await readInvoice(db, '2026-0001'))!;
  await db.transaction((tx) =>
    insertInvoice(tx, {
      ...base,
      invoiceNumber,
      kid,
      dueDate,
      claimLevel: 'INGEN',
      disputed: false,
      remindersPaused: false,
      nextReminderDate: null,
    }),
  );
}

test('reminder job: none before 14 days, then at most two fees, 14 days apart, each once; disputed never', async () => {
  const ledger = await lifecycleLedger();
  try {
    const due = '2026-03-10' as CalendarDate;
    await addOverdueInvoice(ledger.db, 'R-0001', '900000000014', due);
    await addOverdueInvoice(ledger.db, 'R-0002', '900000000022', due);
    await ledger.db.query(
      "UPDATE invoices SET disputed = TRUE, reminders_paused = TRUE WHERE invoice_number = 'R-0002'",
    );

    await runJobsOn(ledger.db, ledger.config, addDays(due, 13));
    assert.equal(await noticesOf(ledger.db, 'R-0001'), []);
    for (const offset of [14, 14, 20, 27]) await runJobsOn(ledger.db, ledger.config, addDays(due, offset));
    let reminders = await noticesOf(ledger.db, 'R-0001');
    assert.equal(
      reminders.map((n) => [n.kind, n.sequence, n.sentOn, n.feeOere, n.payBy]),
      [['PURRING', 1, addDays(due, 14), 3500, addDays(due, 28)]],
    );
    assert.is((await readInvoice(ledger.db, 'R-0001'))!.claimLevel, 'PURRING');
    for (const offset of [28, 29, 42, 43, 90])
      await runJobsOn(ledger.db, ledger.config, addDays(due, offset));
    reminders = await noticesOf(ledger.db, 'R-0001');
    assert.equal(
      reminders.map((n) => [n.sequence, n.sentOn, n.feeOere]),
      [
        [1, addDays(due, 14), 3500],
        [2, addDays(due, 28), 3500],
      ],
    );
    assert.equal(await noticesOf(ledger.db, 'R-0002'), [], 'a disputed invoice gets no reminder');
    const audit = await ledger.db.query(
      "SELECT outcome FROM audit_log WHERE action = 'jobb:purring' AND invoice_number = 'R-0001'",
    );
    assert.is(audit.length, 2);
  } finally {
    await ledger.close();
  }
});

test('reminder job: the configured fee, limits and days apply', async () => {
  const ledger = await lifecycleLedger({
    config: { reminderMinDaysAfterDueDate: 20, reminders: { feeOere: 0, maxFees: 1 } },
  });
  try {
    const due = '2026-03-10' as CalendarDate;
    await addOverdueInvoice(ledger.db, 'R-0003', '900000000030', due);
    for (const offset of [14, 19, 20, 40, 60])
      await runJobsOn(ledger.db, ledger.config, addDays(due, offset));
    assert.equal(
      (await noticesOf(ledger.db, 'R-0003')).map((n) => [n.sentOn, n.feeOere]),
      [[addDays(due, 20), 0]],
    );
  } finally {
    await ledger.close();
  }
});

test.run();
