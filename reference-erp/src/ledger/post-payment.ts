import type { CalendarDate } from '@fiks-faktura/sdk';
import { ReferenceErpError } from '../errors/reference-erp-error.js';
import type { Database } from '../store/database.js';
import { writeAuditEntry } from './audit-log.js';
import { innsynRecordOf, queueInnsynUpdate } from './innsyn-outbox.js';
import { INVOICE_COLUMNS, type Invoice } from './invoice.js';

/** A payment received from the bank, matched on KID. */
export interface IncomingPayment {
  kid: string;
  beloepOere: number;
  dato: CalendarDate;
}

/** The invoice after the payment was booked. */
export interface PaymentResult {
  fakturanummer: string;
  restbeloepOere: number;
  status: Invoice['status'];
}

/**
 * Books a payment on the invoice with its KID, as a ledger does: the rest goes down (never below
 * zero; an overpayment is not refunded here), a fully paid invoice becomes BETALT, a plan whose
 * instalments are all paid becomes FULLFOERT, and Innsyn gets the new state at once. Throws
 * `KID_UNKNOWN` when no invoice has the KID and `PAYMENT_INVALID` for a non-positive amount.
 */
export async function postPayment(db: Database, payment: IncomingPayment, now: Date): Promise<PaymentResult> {
  if (!Number.isSafeInteger(payment.beloepOere) || payment.beloepOere <= 0) {
    throw new ReferenceErpError('PAYMENT_INVALID', 'A payment must be a whole number of øre above zero.', {
      details: { beloepOere: payment.beloepOere },
    });
  }
  return db.transaction(async (tx) => {
    const rows = await tx.query<Invoice & Record<string, unknown>>(
      `SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.kid = $1 FOR UPDATE`,
      [payment.kid],
    );
    const invoice = rows[0];
    if (!invoice) {
      throw new ReferenceErpError(
        'KID_UNKNOWN',
        `No invoice has KID ${payment.kid}; book the payment manually.`,
        {
          details: { kid: payment.kid },
        },
      );
    }
    const rest = Math.max(0, invoice.restOere - payment.beloepOere);
    const status = rest === 0 ? 'BETALT' : invoice.status;
    await tx.query(
      `INSERT INTO payments (kid, invoice_number, amount_oere, paid_on, booked_at) VALUES ($1, $2, $3, $4, $5)`,
      [payment.kid, invoice.invoiceNumber, payment.beloepOere, payment.dato, now],
    );
    await tx.query(
      `UPDATE invoices SET rest_oere = $2, status = $3,
         next_reminder_date = CASE WHEN $2::bigint = 0 THEN NULL ELSE next_reminder_date END
       WHERE invoice_number = $1`,
      [invoice.invoiceNumber, rest, status],
    );
    if (rest === 0 && invoice.planId !== null) {
      await tx.query(
        `UPDATE instalment_plans SET status = 'FULLFOERT' WHERE plan_id = $1 AND NOT EXISTS
           (SELECT 1 FROM invoices WHERE plan_id = $1 AND rest_oere > 0)`,
        [invoice.planId],
      );
    }
    const updated: Invoice = { ...invoice, restOere: rest, status };
    await queueInnsynUpdate(tx, innsynRecordOf(updated), now, null);
    await writeAuditEntry(
      tx,
      {
        actor: 'bank',
        action: 'innbetaling',
        invoiceNumber: invoice.invoiceNumber,
        outcome: status === 'BETALT' ? 'BETALT' : 'DELBETALT',
        details: { beloepOere: payment.beloepOere, dato: payment.dato, restbeloepOere: rest },
      },
      now,
    );
    return { fakturanummer: invoice.invoiceNumber, restbeloepOere: rest, status };
  });
}
