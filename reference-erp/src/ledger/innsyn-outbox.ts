import type { Queryable } from '../store/database.js';
import { type Invoice, isOpen } from './invoice.js';

/** An Innsyn update, shaped like Innsyn's `faktura.v1` record. Amounts in kroner, as Innsyn has them. */
export interface InnsynFakturaRecord {
  fakturanummer: string;
  status: 'BETALT' | 'IKKE_BETALT' | 'INKASSOVARSEL' | 'SENDT_INKASSO';
  forfallsdato: string;
  beloep: number;
  kid: string;
  kontonummer: string;
  korrigert: boolean;
  kanBetales: boolean;
  forelder?: string;
}

/** A queued Innsyn update. */
export interface OutboxEntry {
  outboxId: number;
  foresporselId: string | null;
  record: InnsynFakturaRecord;
}

/** The `faktura.v1` record of `invoice` as it stands. */
export function innsynRecordOf(invoice: Invoice, options: { korrigert?: boolean } = {}): InnsynFakturaRecord {
  const paid = invoice.status === 'BETALT' || invoice.status === 'KREDITERT' || invoice.restOere === 0;
  const status = paid
    ? 'BETALT'
    : invoice.claimLevel === 'INKASSO'
      ? 'SENDT_INKASSO'
      : invoice.claimLevel === 'INKASSOVARSEL'
        ? 'INKASSOVARSEL'
        : 'IKKE_BETALT';
  return {
    fakturanummer: invoice.invoiceNumber,
    status,
    forfallsdato: invoice.dueDate,
    beloep: invoice.amountOere / 100,
    kid: invoice.kid,
    kontonummer: invoice.accountNumber,
    korrigert: options.korrigert ?? false,
    kanBetales: isOpen(invoice),
    ...(invoice.parentInvoiceNumber === null ? {} : { forelder: invoice.parentInvoiceNumber }),
  };
}

/**
 * Queues an Innsyn update in the caller's transaction. Updates caused by an answered request
 * (`foresporselId` given) wait for {@link releaseInnsynUpdates}; others are released at once.
 */
export async function queueInnsynUpdate(
  q: Queryable,
  record: InnsynFakturaRecord,
  at: Date,
  foresporselId: string | null,
): Promise<void> {
  await q.query(
    `INSERT INTO innsyn_outbox (foresporsel_id, invoice_number, record, created_at, released_at)
     VALUES ($1, $2, $3::jsonb, $4, $5)`,
    [foresporselId, record.fakturanummer, JSON.stringify(record), at, foresporselId === null ? at : null],
  );
}

/** Releases the updates of a request once its answer has been sent. Returns how many. */
export async function releaseInnsynUpdates(q: Queryable, foresporselId: string, at: Date): Promise<number> {
  const rows = await q.query(
    `UPDATE innsyn_outbox SET released_at = $2
     WHERE foresporsel_id = $1 AND released_at IS NULL RETURNING outbox_id`,
    [foresporselId, at],
  );
  return rows.length;
}

/** Released, not yet published updates, oldest first. */
export async function pendingInnsynUpdates(q: Queryable, limit = 100): Promise<OutboxEntry[]> {
  return q.query<OutboxEntry & Record<string, unknown>>(
    `SELECT outbox_id AS "outboxId", foresporsel_id AS "foresporselId", record FROM innsyn_outbox
     WHERE released_at IS NOT NULL AND published_at IS NULL ORDER BY outbox_id LIMIT $1`,
    [limit],
  );
}

/** Records that the updates were published to Innsyn. */
export async function markInnsynPublished(
  q: Queryable,
  outboxIds: readonly number[],
  at: Date,
): Promise<void> {
  if (outboxIds.length === 0) return;
  await q.query('UPDATE innsyn_outbox SET published_at = $2 WHERE outbox_id = ANY($1::bigint[])', [
    outboxIds.map(String),
    at,
  ]);
}
