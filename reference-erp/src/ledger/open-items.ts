import type { Innbygger } from '../protocol/erp-protocols.js';
import type { Queryable } from '../store/database.js';
import { INVOICE_COLUMNS, type Invoice } from './invoice.js';
import { identityColumn, owedByPayerSql } from './payer.js';

/**
 * The invoices the requester still has to pay (directly or as a co-owner), sent to them, not
 * replaced by a plan, ordered by due date. Empty for an unknown requester.
 */
export async function findOpenItems(q: Queryable, innbygger: Innbygger): Promise<Invoice[]> {
  const [column, value] = identityColumn(innbygger);
  const payers = await q.query<{ payerId: string }>(
    `SELECT payer_id AS "payerId" FROM payers WHERE ${column} = $1`,
    [value],
  );
  const payer = payers[0];
  if (!payer) return [];
  return q.query<Invoice & Record<string, unknown>>(
    `SELECT ${INVOICE_COLUMNS} FROM invoices i
     WHERE ${owedByPayerSql('$1')} AND i.status IN ('SENDT', 'FAKTURERT') AND i.rest_oere > 0
       AND i.replaced_by_plan IS NULL
     ORDER BY i.due_date, i.invoice_number`,
    [payer.payerId],
  );
}
