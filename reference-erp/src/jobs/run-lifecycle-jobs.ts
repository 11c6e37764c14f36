import type { CalendarDate } from '@fiks-faktura/sdk';
import { norwegianDateOf } from '../clock.js';
import type { ErpConfig } from '../config/erp-config.js';
import { writeAuditEntry } from '../ledger/audit-log.js';
import type { Database } from '../store/database.js';
import { type SweepEffects, sweepAnsweredDecisions } from './answered-decision-sweep.js';
import { type PlanLifecycleEffects, runPlanLifecycle } from './plan-lifecycle-job.js';
import { type ReminderEffects, runReminders } from './reminder-job.js';

/** Arbitrary constant identifying the lifecycle jobs' advisory lock (one run at a time). */
const JOBS_LOCK_KEY = 4_601_2027;

/** What one run of the lifecycle jobs did. */
export interface JobRunSummary {
  today: CalendarDate;
  sweep: SweepEffects;
  plans: PlanLifecycleEffects;
  reminders: ReminderEffects;
}

function effectCount(summary: Omit<JobRunSummary, 'sweep'>): number {
  return summary.plans.overdueNotices + summary.plans.plansCancelled + summary.reminders.remindersSent;
}

/**
 * Runs the lifecycle jobs once for the Norwegian day of `now`: the sweep of answered decisions
 * never released (see `sweepAnsweredDecisions`), then, in one transaction under an advisory lock
 * (so instances sharing a PostgreSQL take turns), the plan job (notices, cancellations) and the
 * reminder job. Each effect is audit-logged, and a run with effects adds one `jobb` entry with its
 * counts. Idempotent: a second run the same day does nothing more.
 */
export async function runLifecycleJobs(db: Database, config: ErpConfig, now: Date): Promise<JobRunSummary> {
  const today = norwegianDateOf(now);
  const sweep = await sweepAnsweredDecisions(db, now, config.jobs.sweepGraceSeconds);
  const rest = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [JOBS_LOCK_KEY]);
    const ctx = { tx, config, today, now };
    const plans = await runPlanLifecycle(ctx);
    const reminders = await runReminders(ctx);
    const result = { today, plans, reminders };
    if (effectCount(result) > 0) {
      await writeAuditEntry(
        tx,
        { actor: 'system', action: 'jobb', outcome: 'KJOERT', details: { ...result } },
        now,
      );
    }
    return result;
  });
  return { ...rest, sweep };
}
