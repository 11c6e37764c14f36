import type { CalendarDate } from '@fiks-faktura/sdk';
import { writeAuditEntry } from '../ledger/audit-log.js';
import { INVOICE_COLUMNS, type Invoice } from '../ledger/invoice.js';
import type { JobContext } from './job-context.js';
import { kronerText, sendNotice } from './notices.js';
import { reminderDue } from './reminder-schedule.js';

/** What one run of the reminder job did. */
export interface ReminderEffects {
  remindersSent: number;
  /** The fees charged by those reminders, in øre. */
  feesOere: number;
}

interface ReminderCandidate extends Invoice {
  sentOn: CalendarDate[] | null;
}

/**
 * Sends the reminders (purring) due on `ctx.today` (see {@link reminderDue}) for open invoices
 * that are not disputed, not paused, not yet at inkassovarsel or inkasso, and not an instalment
 * of an active plan (the plan job handles those). Each reminder is a written notice with its fee;
 * the invoice's claim level becomes PURRING and its next reminder no earlier than the reminder's
 * payment deadline. The fees are recorded on the notices. Idempotent per day.
 */
export async function runReminders(ctx: JobContext): Promise<ReminderEffects> {
  const { tx, config, today, now } = ctx;
  const rules = { ...config.reminders, minDaysAfterDueDate: config.reminderMinDaysAfterDueDate };
  const candidates = await tx.query<ReminderCandidate & Record<string, unknown>>(
    `SELECT ${INVOICE_COLUMNS},
       (SELECT json_agg(n.sent_on::text ORDER BY n.sequence) FROM notices n
        WHERE n.kind = 'PURRING' AND n.invoice_number = i.invoice_number) AS "sentOn"
     FROM invoices i LEFT JOIN instalment_plans p ON p.plan_id = i.plan_id
     WHERE i.status IN ('SENDT', 'FAKTURERT') AND i.rest_oere > 0 AND i.replaced_by_plan IS NULL
       AND NOT i.disputed AND NOT i.reminders_paused AND i.claim_level IN ('INGEN', 'PURRING')
       AND (p.plan_id IS NULL OR p.status <> 'AKTIV') AND i.due_date < $1
     ORDER BY i.due_date, i.invoice_number
     FOR UPDATE OF i`,
    [today],
  );
  const effects: ReminderEffects = { remindersSent: 0, feesOere: 0 };
  for (const invoice of candidates) {
    const due = reminderDue(
      { dueDate: invoice.dueDate, nextReminderDate: invoice.nextReminderDate, sentOn: invoice.sentOn ?? [] },
      today,
      rules,
    );
    if (due === null) continue;
    const sent = await sendNotice(
      tx,
      {
        kind: 'PURRING',
        invoiceNumber: invoice.invoiceNumber,
        planId: invoice.planId,
        sequence: due.sequence,
        sentOn: today,
        feeOere: due.feeOere,
        amountDueOere: invoice.restOere,
        payBy: due.payBy,
        text:
          `Purring ${due.sequence}: faktura ${invoice.invoiceNumber} (KID ${invoice.kid}) forfalt ${invoice.dueDate} ` +
          `og ${kronerText(invoice.restOere)} er ikke betalt. Betal senest ${due.payBy}` +
          (due.feeOere > 0 ? `; purregebyr ${kronerText(due.feeOere)} kommer i tillegg.` : '.'),
      },
      now,
    );
    if (!sent) continue;
    await tx.query(
      `UPDATE invoices SET claim_level = 'PURRING', next_reminder_date = $2 WHERE invoice_number = $1`,
      [invoice.invoiceNumber, due.payBy],
    );
    await writeAuditEntry(
      tx,
      {
        actor: 'system',
        action: 'jobb:purring',
        invoiceNumber: invoice.invoiceNumber,
        outcome: 'PURRING_SENDT',
        details: { purring: due.sequence, gebyrOere: due.feeOere, betalInnen: due.payBy },
      },
      now,
    );
    effects.remindersSent += 1;
    effects.feesOere += due.feeOere;
  }
  return effects;
}
