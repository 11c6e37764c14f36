import type { CalendarDate } from '@fiks-faktura/sdk';
import { ReferenceErpError } from '../errors/reference-erp-error.js';
import type { Database, Queryable } from '../store/database.js';
import { writeAuditEntry } from './audit-log.js';
import { innsynRecordOf, queueInnsynUpdate } from './innsyn-outbox.js';
import { INVOICE_COLUMNS, type Invoice } from './invoice.js';

/** A payment received from the bank, matched on KID. */
export interface IncomingPayment {
  kid: string;
  beloepOere: number;
  dato: CalendarDate;
  /**
   * The bank's reference of the transaction (archive reference). A second payment with the same
   * reference is a duplicate; without one, a payment with the same KID, amount and date is.
   */
  bankreferanse?: string;
}

/** How a payment is booked. */
export interface PaymentOptions {
  /** Book a duplicate or an over-payment anyway (the excess is kept for refund). */
  force?: boolean;
}

/** The share of a payment booked on one invoice. */
export interface PaymentAllocation {
  fakturanummer: string;
  beloepOere: number;
  restbeloepOere: number;
  status: Invoice['status'];
}

/** The invoice after the payment was booked. */
export interface PaymentResult {
  /** The invoice the KID belongs to. */
  fakturanummer: string;
  /** What is left to pay on it (for an original replaced by a plan: on its instalments). */
  restbeloepOere: number;
  status: Invoice['status'];
  /** Paid to an original replaced by a plan: the shares booked on the instalments, oldest first. */
  fordeling?: PaymentAllocation[];
  /** Booked with `force`: the part of the payment beyond what was owed, kept for refund. */
  overbetaltOere?: number;
  /** Booked with `force` although it repeats an earlier payment. */
  duplikat?: true;
}

/** Codes of the payments `postPayment` refuses unless forced (the CLI exits 2 on them). */
export const PAYMENT_REFUSAL_CODES: readonly string[] = ['PAYMENT_DUPLICATE', 'PAYMENT_OVERPAID'];

async function lockedInvoices(q: Queryable, where: string, param: string): Promise<Invoice[]> {
  return q.query<Invoice & Record<string, unknown>>(
    `SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE ${where}
     ORDER BY i.due_date, i.instalment_number, i.invoice_number FOR UPDATE`,
    [param],
  );
}

async function isDuplicate(q: Queryable, payment: IncomingPayment): Promise<boolean> {
  const rows =
    payment.bankreferanse === undefined
      ? await q.query(
          'SELECT 1 FROM bank_payments WHERE kid = $1 AND amount_oere = $2 AND paid_on = $3 LIMIT 1',
          [payment.kid, payment.beloepOere, payment.dato],
        )
      : await q.query('SELECT 1 FROM bank_payments WHERE bank_reference = $1 LIMIT 1', [
          payment.bankreferanse,
        ]);
  return rows.length > 0;
}

async function bookOn(
  q: Queryable,
  invoice: Invoice,
  share: number,
  payment: IncomingPayment,
  bankPaymentId: number,
  now: Date,
): Promise<PaymentAllocation> {
  const rest = invoice.restOere - share;
  const status = rest === 0 ? 'BETALT' : invoice.status;
  await q.query(
    `INSERT INTO payments (kid, invoice_number, amount_oere, paid_on, booked_at, bank_payment_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [payment.kid, invoice.invoiceNumber, share, payment.dato, now, bankPaymentId],
  );
  await q.query(
    `UPDATE invoices SET rest_oere = $2, status = $3,
       next_reminder_date = CASE WHEN $2::bigint = 0 THEN NULL ELSE next_reminder_date END
     WHERE invoice_number = $1`,
    [invoice.invoiceNumber, rest, status],
  );
  if (rest === 0 && invoice.planId !== null) {
    await q.query(
      `UPDATE instalment_plans SET status = 'FULLFOERT' WHERE plan_id = $1 AND status = 'AKTIV' AND NOT EXISTS
         (SELECT 1 FROM invoices WHERE plan_id = $1 AND rest_oere > 0)`,
      [invoice.planId],
    );
  }
  await queueInnsynUpdate(q, innsynRecordOf({ ...invoice, restOere: rest, status }), now, null);
  await writeAuditEntry(
    q,
    {
      actor: 'bank',
      action: 'innbetaling',
      invoiceNumber: invoice.invoiceNumber,
      outcome: status === 'BETALT' ? 'BETALT' : 'DELBETALT',
      details: {
        kid: payment.kid,
        beloepOere: share,
        dato: payment.dato,
        restbeloepOere: rest,
        ...(payment.bankreferanse === undefined ? {} : { bankreferanse: payment.bankreferanse }),
      },
    },
    now,
  );
  return { fakturanummer: invoice.invoiceNumber, beloepOere: share, restbeloepOere: rest, status };
}

/**
 * Books a payment from the bank on the invoice with its KID, as a ledger does. A payment to an
 * original replaced by an instalment plan is allocated to the plan's unpaid instalments, oldest
 * due date first. A fully paid invoice becomes BETALT, a plan whose instalments are all paid
 * becomes FULLFOERT, and Innsyn gets the new state at once.
 *
 * A duplicate (same bank reference; without one, same KID, amount and date) is refused with
 * `PAYMENT_DUPLICATE`, and a payment above what is owed with `PAYMENT_OVERPAID`, booking nothing
 * (the refusal is audit-logged); with `force` they are booked, the excess kept on the bank
 * payment for refund. Throws `KID_UNKNOWN` when no invoice has the KID and `PAYMENT_INVALID` for a
 * non-positive amount.
 */
export async function postPayment(
  db: Database,
  payment: IncomingPayment,
  now: Date,
  options: PaymentOptions = {},
): Promise<PaymentResult> {
  if (!Number.isSafeInteger(payment.beloepOere) || payment.beloepOere <= 0) {
    throw new ReferenceErpError('PAYMENT_INVALID', 'A payment must be a whole number of øre above zero.', {
      details: { beloepOere: payment.beloepOere },
    });
  }
  if (payment.bankreferanse !== undefined && payment.bankreferanse.trim() === '') {
    throw new ReferenceErpError('PAYMENT_INVALID', 'A bank reference, when given, must not be empty.');
  }
  try {
    return await db.transaction((tx) => book(tx, payment, now, options.force === true));
  } catch (error) {
    if (error instanceof ReferenceErpError && PAYMENT_REFUSAL_CODES.includes(error.code)) {
      await writeAuditEntry(
        db,
        {
          actor: 'bank',
          action: 'innbetaling',
          invoiceNumber: (error.details?.['fakturanummer'] as string | undefined) ?? null,
          outcome: `AVVIST:${error.code}`,
          details: { ...error.details, kid: payment.kid, beloepOere: payment.beloepOere, dato: payment.dato },
        },
        now,
      ).catch(() => undefined);
    }
    throw error;
  }
}

async function book(
  tx: Queryable,
  payment: IncomingPayment,
  now: Date,
  force: boolean,
): Promise<PaymentResult> {
  const [invoice] = await lockedInvoices(tx, 'i.kid = $1', payment.kid);
  if (!invoice) {
    throw new ReferenceErpError(
      'KID_UNKNOWN',
      `No invoice has KID ${payment.kid}; book the payment manually.`,
      {
        details: { kid: payment.kid },
      },
    );
  }
  const plan = invoice.replacedByPlan;
  const targets = (plan === null ? [invoice] : await lockedInvoices(tx, 'i.plan_id = $1', plan)).filter(
    (target) => target.restOere > 0,
  );
  const owed = targets.reduce((sum, target) => sum + target.restOere, 0);
  const overpaid = Math.max(0, payment.beloepOere - owed);
  const duplicate = await isDuplicate(tx, payment);
  const reference =
    payment.bankreferanse === undefined ? '' : ` with bank reference ${payment.bankreferanse}`;
  if (duplicate && !force) {
    throw new ReferenceErpError(
      'PAYMENT_DUPLICATE',
      `A payment${reference} of ${payment.beloepOere} øre to KID ${payment.kid} on ${payment.dato} is already booked; nothing was booked (use --force to book it again).`,
      { details: { fakturanummer: invoice.invoiceNumber, bankreferanse: payment.bankreferanse ?? null } },
    );
  }
  if (overpaid > 0 && !force) {
    throw new ReferenceErpError(
      'PAYMENT_OVERPAID',
      `The payment of ${payment.beloepOere} øre to KID ${payment.kid} is ${overpaid} øre more than the ${owed} øre owed on invoice ${invoice.invoiceNumber}; nothing was booked (use --force to book it and keep the excess for refund).`,
      { details: { fakturanummer: invoice.invoiceNumber, skyldigOere: owed, overbetaltOere: overpaid } },
    );
  }
  const [bank] = await tx.query<{ id: number }>(
    `INSERT INTO bank_payments (kid, bank_reference, amount_oere, paid_on, overpaid_oere, forced, booked_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING bank_payment_id AS id`,
    [
      payment.kid,
      payment.bankreferanse ?? null,
      payment.beloepOere,
      payment.dato,
      overpaid,
      duplicate || overpaid > 0,
      now,
    ],
  );
  let left = payment.beloepOere;
  const allocations: PaymentAllocation[] = [];
  for (const target of targets) {
    if (left === 0) break;
    const share = Math.min(left, target.restOere);
    allocations.push(await bookOn(tx, target, share, payment, Number(bank!.id), now));
    left -= share;
  }
  if (overpaid > 0) {
    await writeAuditEntry(
      tx,
      {
        actor: 'bank',
        action: 'innbetaling',
        invoiceNumber: invoice.invoiceNumber,
        outcome: 'OVERBETALT',
        details: { kid: payment.kid, overbetaltOere: overpaid, tvunget: true },
      },
      now,
    );
  }
  const flags = {
    ...(overpaid > 0 ? { overbetaltOere: overpaid } : {}),
    ...(duplicate ? { duplikat: true as const } : {}),
  };
  if (plan === null) {
    const booked = allocations[0];
    return {
      fakturanummer: invoice.invoiceNumber,
      restbeloepOere: booked?.restbeloepOere ?? invoice.restOere,
      status: booked?.status ?? invoice.status,
      ...flags,
    };
  }
  return {
    fakturanummer: invoice.invoiceNumber,
    restbeloepOere: owed - (payment.beloepOere - overpaid),
    status: invoice.status,
    fordeling: allocations,
    ...flags,
  };
}
