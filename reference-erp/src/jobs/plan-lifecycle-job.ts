import { addDays, daysBetween } from '@fiks-faktura/sdk';
import { writeAuditEntry } from '../ledger/audit-log.js';
import { innsynRecordOf, queueInnsynUpdate } from '../ledger/innsyn-outbox.js';
import { INVOICE_COLUMNS, type Invoice } from '../ledger/invoice.js';
import type { JobContext } from './job-context.js';
import { kronerText, sendNotice } from './notices.js';

/** What one run of the plan job did. */
export interface PlanLifecycleEffects {
  /** Notices of an overdue instalment sent now. */
  overdueNotices: number;
  /** Plans cancelled now. */
  plansCancelled: number;
}

interface PlanInstalment extends Invoice {
  originalInvoiceNumber: string;
}

async function overdueInstalments(ctx: JobContext): Promise<PlanInstalment[]> {
  return ctx.tx.query<PlanInstalment & Record<string, unknown>>(
    `SELECT ${INVOICE_COLUMNS}, p.original_invoice_number AS "originalInvoiceNumber"
     FROM invoices i JOIN instalment_plans p ON p.plan_id = i.plan_id
     WHERE p.status = 'AKTIV' AND i.rest_oere > 0 AND i.due_date < $1
       AND NOT i.disputed AND NOT i.reminders_paused
     ORDER BY i.plan_id, i.due_date, i.instalment_number
     FOR UPDATE OF i, p`,
    [ctx.today],
  );
}

async function sendOverdueNotice(ctx: JobContext, item: PlanInstalment): Promise<boolean> {
  const days = ctx.config.instalments.cancelAfterDaysOverdue;
  const payBy = addDays(item.dueDate, days);
  const sent = await sendNotice(
    ctx.tx,
    {
      kind: 'AVDRAG_FORFALT',
      invoiceNumber: item.invoiceNumber,
      planId: item.planId,
      sequence: 1,
      sentOn: ctx.today,
      feeOere: 0,
      amountDueOere: item.restOere,
      payBy,
      text:
        `Avdrag ${item.instalmentNumber} i nedbetalingsplanen for faktura ${item.originalInvoiceNumber} ` +
        `(faktura ${item.invoiceNumber}, KID ${item.kid}) forfalt ${item.dueDate} og er ikke betalt. ` +
        `Betal ${kronerText(item.restOere)} senest ${payBy}. Et avdrag som er mer enn ${days} dager forfalt, ` +
        'kansellerer nedbetalingsplanen, og hele restbeløpet forfaller til betaling.',
    },
    ctx.now,
  );
  if (sent) {
    await writeAuditEntry(
      ctx.tx,
      {
        actor: 'system',
        action: 'jobb:avdrag-forfalt',
        invoiceNumber: item.invoiceNumber,
        outcome: 'VARSEL_SENDT',
        details: {
          planId: item.planId,
          forfallsdato: item.dueDate,
          restbeloepOere: item.restOere,
          betalInnen: payBy,
        },
      },
      ctx.now,
    );
  }
  return sent;
}

/**
 * Cancels the plan of `trigger` (an instalment more than `cancelAfterDaysOverdue` days overdue)
 * as its `vilkaar` say: the plan becomes KANSELLERT, every unpaid instalment not yet due falls due
 * today (Innsyn gets the new due date, `korrigert: true`), and the payer gets a written notice of
 * the whole rest.
 */
async function cancelPlan(ctx: JobContext, trigger: PlanInstalment): Promise<boolean> {
  const { tx, today, now } = ctx;
  const planId = trigger.planId!;
  const cancelled = await tx.query(
    `UPDATE instalment_plans SET status = 'KANSELLERT', cancelled_on = $2
     WHERE plan_id = $1 AND status = 'AKTIV' RETURNING plan_id`,
    [planId, today],
  );
  if (cancelled.length === 0) return false;
  const unpaid = await tx.query<Invoice & Record<string, unknown>>(
    `SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.plan_id = $1 AND i.rest_oere > 0
     ORDER BY i.instalment_number FOR UPDATE`,
    [planId],
  );
  const accelerated: string[] = [];
  for (const item of unpaid) {
    if (item.dueDate <= today) continue;
    await tx.query('UPDATE invoices SET due_date = $2 WHERE invoice_number = $1', [
      item.invoiceNumber,
      today,
    ]);
    await queueInnsynUpdate(tx, innsynRecordOf({ ...item, dueDate: today }, { korrigert: true }), now, null);
    accelerated.push(item.invoiceNumber);
  }
  const rest = unpaid.reduce((sum, item) => sum + item.restOere, 0);
  const list = unpaid.map((item) => `${item.invoiceNumber} (KID ${item.kid}, ${kronerText(item.restOere)})`);
  await sendNotice(
    tx,
    {
      kind: 'PLAN_KANSELLERT',
      invoiceNumber: trigger.originalInvoiceNumber,
      planId,
      sequence: 1,
      sentOn: today,
      feeOere: 0,
      amountDueOere: rest,
      payBy: today,
      text:
        `Nedbetalingsplanen for faktura ${trigger.originalInvoiceNumber} er kansellert fordi avdrag ` +
        `${trigger.instalmentNumber} (faktura ${trigger.invoiceNumber}) forfalt ${trigger.dueDate} og er mer enn ` +
        `${ctx.config.instalments.cancelAfterDaysOverdue} dager forfalt. Hele restbeløpet, ${kronerText(rest)}, ` +
        `forfaller nå til betaling: ${list.join('; ')}.`,
    },
    now,
  );
  await writeAuditEntry(
    tx,
    {
      actor: 'system',
      action: 'jobb:plan-kansellert',
      invoiceNumber: trigger.originalInvoiceNumber,
      outcome: 'KANSELLERT',
      details: {
        planId,
        forfaltAvdrag: trigger.invoiceNumber,
        dagerForfalt: daysBetween(trigger.dueDate, today),
        restbeloepOere: rest,
        forfallerNaa: accelerated,
      },
    },
    now,
  );
  return true;
}

/**
 * The plan's lifecycle that the answer's `vilkaar` promise, for every active plan on
 * `ctx.today`: an unpaid instalment past its due date gets a written notice (once); an instalment
 * more than `instalments.cancelAfterDaysOverdue` days overdue cancels the plan and the whole rest
 * falls due. A disputed instalment (reminders paused) neither gets a notice nor cancels the plan
 * while the dispute is open. Idempotent: a second run the same day (or later, for the same instalment) sends and
 * changes nothing more.
 */
export async function runPlanLifecycle(ctx: JobContext): Promise<PlanLifecycleEffects> {
  const effects: PlanLifecycleEffects = { overdueNotices: 0, plansCancelled: 0 };
  const limit = ctx.config.instalments.cancelAfterDaysOverdue;
  const byPlan = new Map<string, PlanInstalment[]>();
  for (const item of await overdueInstalments(ctx)) {
    byPlan.set(item.planId!, [...(byPlan.get(item.planId!) ?? []), item]);
  }
  for (const items of byPlan.values()) {
    const trigger = items.find((item) => daysBetween(item.dueDate, ctx.today) > limit);
    if (trigger) {
      if (await cancelPlan(ctx, trigger)) effects.plansCancelled += 1;
      continue;
    }
    for (const item of items) if (await sendOverdueNotice(ctx, item)) effects.overdueNotices += 1;
  }
  return effects;
}
