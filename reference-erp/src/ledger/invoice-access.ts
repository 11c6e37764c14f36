import type { Fakturareferanse, Innbygger } from '../protocol/erp-protocols.js';
import type { Queryable } from '../store/database.js';
import { INVOICE_COLUMNS, type Invoice, VISIBLE_STATUSES } from './invoice.js';
import { findPayer, owedByPayerSql, type Payer } from './payer.js';

/** The requester and the invoice they may act on. */
export interface InvoiceAccess {
  payer: Payer;
  invoice: Invoice;
}

/**
 * The invoice named by `ref`, when the requester may act on it: they are its payer or a co-owner
 * of its property, it has been sent to them (not IKKE_SENDT, KANSELLERT or in an error status),
 * and a given KID matches. Otherwise null, whatever the reason: the answer is `ikkefunnet` and
 * never says whether the invoice exists. The invoice row is locked for the transaction.
 */
export async function findInvoiceForRequester(
  q: Queryable,
  innbygger: Innbygger,
  ref: Fakturareferanse,
): Promise<InvoiceAccess | null> {
  const payer = await findPayer(q, innbygger);
  if (!payer) return null;
  const rows = await q.query<Invoice & Record<string, unknown>>(
    `SELECT ${INVOICE_COLUMNS} FROM invoices i
     WHERE i.invoice_number = $1 AND ${owedByPayerSql('$2')}
     FOR UPDATE OF i`,
    [ref.fakturanummer, payer.payerId],
  );
  const invoice = rows[0];
  if (!invoice || !VISIBLE_STATUSES.includes(invoice.status)) return null;
  if (ref.kid !== undefined && ref.kid !== invoice.kid) return null;
  return { payer, invoice };
}
