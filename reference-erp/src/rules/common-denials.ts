import type { CalendarDate } from '@fiks-faktura/sdk';
import type { Invoice } from '../ledger/invoice.js';
import { owedByPayerSql } from '../ledger/payer.js';
import type { Queryable } from '../store/database.js';

/** The denials of the invoice's own state, shared by deferral and instalments. */
export type InvoiceStateDenial =
  | 'FAKTURA_BETALT'
  | 'FAKTURA_KREDITERT'
  | 'SENDT_INKASSO'
  | 'INKASSOVARSEL_SENDT'
  | 'FAKTURA_FORFALT'
  | 'ALLEREDE_UTSATT'
  | 'HAR_NEDBETALINGSPLAN';

/**
 * The denial of the invoice's own state, in the order of `protocols/fixtures/README.md` ("Rule
 * order"): paid (status BETALT, or nothing left to pay on an invoice that is not credited),
 * credited, sent to inkasso, inkassovarsel sent, overdue (past its current due date), already
 * deferred (one deferral per invoice; a deferred invoice is not split either), has a plan
 * (replaced by one, or an instalment of one). Null when none applies.
 */
export async function invoiceStateDenial(
  q: Queryable,
  invoice: Invoice,
  today: CalendarDate,
): Promise<InvoiceStateDenial | null> {
  if (invoice.status === 'BETALT' || (invoice.restOere <= 0 && invoice.status !== 'KREDITERT'))
    return 'FAKTURA_BETALT';
  if (invoice.status === 'KREDITERT') return 'FAKTURA_KREDITERT';
  if (invoice.claimLevel === 'INKASSO') return 'SENDT_INKASSO';
  if (invoice.claimLevel === 'INKASSOVARSEL') return 'INKASSOVARSEL_SENDT';
  if (today > invoice.dueDate) return 'FAKTURA_FORFALT';
  if (await hasDeferral(q, invoice.invoiceNumber)) return 'ALLEREDE_UTSATT';
  if (invoice.replacedByPlan !== null || invoice.planId !== null) return 'HAR_NEDBETALINGSPLAN';
  return null;
}

/** True when the invoice has been deferred (one deferral per invoice). */
export async function hasDeferral(q: Queryable, invoiceNumber: string): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM deferrals WHERE invoice_number = $1', [invoiceNumber]);
  return rows.length > 0;
}

/** The original due date: before any deferral, else the current one. */
export async function originalDueDate(q: Queryable, invoice: Invoice): Promise<CalendarDate> {
  const rows = await q.query<{ d: CalendarDate }>(
    'SELECT original_due_date AS d FROM deferrals WHERE invoice_number = $1',
    [invoice.invoiceNumber],
  );
  return rows[0]?.d ?? invoice.dueDate;
}

/**
 * True when the payer owes other invoices (directly or as a co-owner) that are past due and not
 * settled; invoices replaced by a plan count through their instalments instead.
 */
export async function hasOtherOverdueInvoices(
  q: Queryable,
  payerId: string,
  exceptInvoiceNumber: string,
  today: CalendarDate,
): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM invoices i
     WHERE ${owedByPayerSql('$1')} AND i.invoice_number <> $2 AND i.due_date < $3
       AND i.rest_oere > 0 AND i.replaced_by_plan IS NULL
       AND i.status IN ('SENDT', 'FAKTURERT')
     LIMIT 1`,
    [payerId, exceptInvoiceNumber, today],
  );
  return rows.length > 0;
}
