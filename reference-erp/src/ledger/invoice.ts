import type { CalendarDate } from '@fiks-faktura/sdk';
import type { Queryable } from '../store/database.js';

/** Invoice statuses: FINT Betaling's, including its error statuses. */
export type InvoiceStatus =
  | 'IKKE_SENDT'
  | 'SENDT'
  | 'KLAR'
  | 'FAKTURERT'
  | 'BETALT'
  | 'KREDITERT'
  | 'KANSELLERT'
  | 'OPPDATERINGSFEIL'
  | 'FEIL_FRA_OEKONOMISYSTEM'
  | 'FORSENDELSESFEIL'
  | 'GENERELL_FEIL';

/** How far the claim has gone: nothing, a reminder, an inkassovarsel, or sent to debt collection. */
export type ClaimLevel = 'INGEN' | 'PURRING' | 'INKASSOVARSEL' | 'INKASSO';

/** Statuses in which the citizen has received the invoice and may see and act on it. */
export const VISIBLE_STATUSES: readonly InvoiceStatus[] = ['SENDT', 'FAKTURERT', 'BETALT', 'KREDITERT'];

/** One invoice row of the ledger. */
export interface Invoice {
  invoiceNumber: string;
  payerId: string | null;
  propertyId: string | null;
  productType: string;
  unitId: string;
  amountOere: number;
  restOere: number;
  invoiceDate: CalendarDate;
  dueDate: CalendarDate;
  kid: string;
  accountNumber: string;
  status: InvoiceStatus;
  claimLevel: ClaimLevel;
  distributionChannel: string;
  disputed: boolean;
  remindersPaused: boolean;
  nextReminderDate: CalendarDate | null;
  replacedByPlan: string | null;
  planId: string | null;
  instalmentNumber: number | null;
  parentInvoiceNumber: string | null;
}

/** The SELECT list producing {@link Invoice} fields (table alias `i`). */
export const INVOICE_COLUMNS = `i.invoice_number AS "invoiceNumber", i.payer_id AS "payerId",
  i.property_id AS "propertyId", i.product_type AS "productType", i.unit_id AS "unitId",
  i.amount_oere AS "amountOere", i.rest_oere AS "restOere", i.invoice_date AS "invoiceDate",
  i.due_date AS "dueDate", i.kid, i.account_number AS "accountNumber", i.status,
  i.claim_level AS "claimLevel", i.distribution_channel AS "distributionChannel", i.disputed,
  i.reminders_paused AS "remindersPaused", i.next_reminder_date AS "nextReminderDate",
  i.replaced_by_plan AS "replacedByPlan", i.plan_id AS "planId",
  i.instalment_number AS "instalmentNumber", i.parent_invoice_number AS "parentInvoiceNumber"`;

/** The invoice with `invoiceNumber`, locked for the rest of the transaction when `forUpdate`. */
export async function readInvoice(
  q: Queryable,
  invoiceNumber: string,
  forUpdate = false,
): Promise<Invoice | null> {
  const rows = await q.query<Invoice & Record<string, unknown>>(
    `SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.invoice_number = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [invoiceNumber],
  );
  return rows[0] ?? null;
}

/** True when the invoice still has something to pay and is not replaced by a plan. */
export function isOpen(invoice: Invoice): boolean {
  return (
    VISIBLE_STATUSES.includes(invoice.status) &&
    invoice.status !== 'BETALT' &&
    invoice.status !== 'KREDITERT' &&
    invoice.restOere > 0 &&
    invoice.replacedByPlan === null
  );
}
