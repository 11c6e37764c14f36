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
  /** True while a complaint (KLAGE, FEIL_I_FAKTURA) is open: reminders are paused. */
  omtvistet?: boolean;
}

/** A queued Innsyn update. */
export interface OutboxEntry {
  outboxId: number;
  foresporselId: string | null;
  record: InnsynFakturaRecord;
}

/** The `faktura.v1` record of `invoice` as it stands. */
export function innsynRecordOf(
  invoice: Invoice,
  options: { korrigert?: boolean; omtvistet?: boolean } = {},
): InnsynFakturaRecord {
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
    ...(options.omtvistet === undefined ? {} : { omtvistet: options.omtvistet }),
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

/** A released update claimed for publishing, with the key the receiver recognises it by. */
export interface ClaimedInnsynUpdate extends OutboxEntry {
  idempotencyKey: string;
  /** Publish attempts before this one. */
  attempts: number;
}

/**
 * Claims the oldest released, unpublished update that is not claimed by another publisher and
 * not waiting for its next retry, for `claimMs`. Updates of one invoice go out in order: an
 * update waits while an older one of the same invoice is unpublished. Null when none is ready.
 */
export async function claimNextInnsynUpdate(
  q: Queryable,
  now: Date,
  claimMs: number,
): Promise<ClaimedInnsynUpdate | null> {
  const rows = await q.query<ClaimedInnsynUpdate & Record<string, unknown>>(
    `UPDATE innsyn_outbox SET claimed_until = $2
     WHERE outbox_id = (
       SELECT o.outbox_id FROM innsyn_outbox o
       WHERE o.released_at IS NOT NULL AND o.published_at IS NULL
         AND (o.claimed_until IS NULL OR o.claimed_until < $1)
         AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= $1)
         AND NOT EXISTS (SELECT 1 FROM innsyn_outbox e
           WHERE e.invoice_number = o.invoice_number AND e.released_at IS NOT NULL
             AND e.published_at IS NULL AND e.outbox_id < o.outbox_id)
       ORDER BY o.outbox_id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING outbox_id AS "outboxId", foresporsel_id AS "foresporselId", record,
       idempotency_key AS "idempotencyKey", publish_attempts AS "attempts"`,
    [now, new Date(now.getTime() + claimMs)],
  );
  return rows[0] ?? null;
}

/** Records that a claimed update was accepted by Innsyn. */
export async function markInnsynUpdatePublished(q: Queryable, outboxId: number, at: Date): Promise<void> {
  await q.query(
    `UPDATE innsyn_outbox SET published_at = $2, claimed_until = NULL, last_error = NULL,
       publish_attempts = publish_attempts + 1
     WHERE outbox_id = $1 AND published_at IS NULL`,
    [outboxId, at],
  );
}

/** Records a failed attempt: the update is retried from `retryAt`; `error` says why (no secrets). */
export async function recordInnsynPublishFailure(
  q: Queryable,
  outboxId: number,
  retryAt: Date,
  error: string,
): Promise<void> {
  await q.query(
    `UPDATE innsyn_outbox SET publish_attempts = publish_attempts + 1, next_attempt_at = $2,
       claimed_until = NULL, last_error = $3
     WHERE outbox_id = $1 AND published_at IS NULL`,
    [outboxId, retryAt, error.slice(0, 500)],
  );
}
