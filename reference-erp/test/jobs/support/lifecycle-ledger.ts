import type { CalendarDate } from '@fiks-faktura/sdk';
import type { ErpConfig } from '../../../src/config/erp-config.js';
import { resolveErpConfig } from '../../../src/config/load-erp-config.js';
import { type JobRunSummary, runLifecycleJobs } from '../../../src/jobs/run-lifecycle-jobs.js';
import type { Invoice } from '../../../src/ledger/invoice.js';
import { INVOICE_COLUMNS } from '../../../src/ledger/invoice.js';
import { readFixtureLedger } from '../../../src/seed/fixture-ledger.js';
import { seedFromFixtures } from '../../../src/seed/seed-from-fixtures.js';
import type { Database } from '../../../src/store/database.js';
import { migrate } from '../../../src/store/migrate.js';
import { openPgliteDatabase } from '../../../src/store/pglite-database.js';

/** The day the fixture ledger is seeded for: Wednesday 2026-03-04. */
export const SEEDED_ON = '2026-03-04' as CalendarDate;

/** The noon instant (Oslo) of `day`. */
export function noonOf(day: CalendarDate): Date {
  return new Date(`${day}T11:00:00Z`);
}

/** A migrated ledger seeded with the fixtures on {@link SEEDED_ON} (in-memory PGlite unless `db`). */
export async function lifecycleLedger(
  options: { db?: Database; config?: Record<string, unknown> } = {},
): Promise<{ db: Database; config: ErpConfig; close(): Promise<void> }> {
  const db = options.db ?? (await openPgliteDatabase());
  await migrate(db);
  await seedFromFixtures(db, readFixtureLedger(), { today: SEEDED_ON });
  return {
    db,
    config: resolveErpConfig(options.config ?? {}),
    close: () => (options.db ? Promise.resolve() : db.close()),
  };
}

/** Runs the lifecycle jobs as on `day`. */
export function runJobsOn(db: Database, config: ErpConfig, day: CalendarDate): Promise<JobRunSummary> {
  return runLifecycleJobs(db, config, noonOf(day));
}

/** The invoices of a plan, by instalment number. */
export async function planInstalments(db: Database, planId: string): Promise<Invoice[]> {
  return db.query<Invoice & Record<string, unknown>>(
    `SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.plan_id = $1 ORDER BY i.instalment_number`,
    [planId],
  );
}

/** Everything a job may change, as comparable rows: a second run must leave it equal. */
export async function ledgerState(db: Database): Promise<unknown> {
  return {
    invoices: await db.query(
      'SELECT invoice_number, due_date, rest_oere, status, claim_level, next_reminder_date FROM invoices ORDER BY 1',
    ),
    plans: await db.query('SELECT plan_id, status, cancelled_on FROM instalment_plans ORDER BY 1'),
    notices: await db.query(
      'SELECT kind, invoice_number, sequence, sent_on, fee_oere FROM notices ORDER BY notice_id',
    ),
    outbox: await db.query('SELECT outbox_id, record FROM innsyn_outbox ORDER BY outbox_id'),
    audit: await db.query('SELECT audit_id, action, outcome FROM audit_log ORDER BY audit_id'),
  };
}
