import type { Queryable } from '../store/database.js';
import type { Invoice } from './invoice.js';

/** Inserts `invoice`; returns false (changing nothing) when its invoice number already exists. */
export async function insertInvoice(q: Queryable, invoice: Invoice): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO invoices (invoice_number, payer_id, property_id, product_type, unit_id, amount_oere, rest_oere,
       invoice_date, due_date, kid, account_number, status, claim_level, distribution_channel, disputed,
       reminders_paused, next_reminder_date, replaced_by_plan, plan_id, instalment_number, parent_invoice_number)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
     ON CONFLICT (invoice_number) DO NOTHING RETURNING invoice_number`,
    [
      invoice.invoiceNumber,
      invoice.payerId,
      invoice.propertyId,
      invoice.productType,
      invoice.unitId,
      invoice.amountOere,
      invoice.restOere,
      invoice.invoiceDate,
      invoice.dueDate,
      invoice.kid,
      invoice.accountNumber,
      invoice.status,
      invoice.claimLevel,
      invoice.distributionChannel,
      invoice.disputed,
      invoice.remindersPaused,
      invoice.nextReminderDate,
      invoice.replacedByPlan,
      invoice.planId,
      invoice.instalmentNumber,
      invoice.parentInvoiceNumber,
    ],
  );
  return rows.length === 1;
}
