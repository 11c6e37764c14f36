import type { Reply } from '../protocol/messages.js';
import type { Queryable } from '../store/database.js';

/** A stored answer: the idempotency record of one request. */
export interface StoredDecision {
  foresporselId: string;
  reply: Reply;
}

/**
 * The answer stored for `foresporselId` (or, failing that, for the Fiks IO `meldingId`, so a
 * redelivered message gets the same answer), or null.
 */
export async function findDecision(
  q: Queryable,
  foresporselId: string | undefined,
  meldingId: string | undefined,
): Promise<StoredDecision | null> {
  if (foresporselId === undefined && meldingId === undefined) return null;
  const rows = await q.query<{ foresporselId: string; replyType: string; replyPayload: string }>(
    `SELECT foresporsel_id AS "foresporselId", reply_type AS "replyType", reply_payload AS "replyPayload"
     FROM decisions WHERE foresporsel_id = $1 OR melding_id = $2
     ORDER BY (foresporsel_id = $1) DESC LIMIT 1`,
    [foresporselId ?? null, meldingId ?? null],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    foresporselId: row.foresporselId,
    reply: { meldingType: row.replyType, payload: JSON.parse(row.replyPayload) },
  };
}

/**
 * Stores the answer of a request in the caller's transaction. Returns false when another
 * transaction stored an answer for the same `foresporselId` (or `meldingId`) first: the caller
 * must then roll back its bookings and return that answer instead. The answer is kept as the
 * exact JSON text, so a repeat returns it unchanged.
 */
export async function storeDecision(
  q: Queryable,
  decision: { foresporselId: string; meldingId?: string; requestType: string; reply: Reply },
  at: Date,
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO decisions (foresporsel_id, melding_id, request_type, reply_type, reply_payload, decided_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING decision_id`,
    [
      decision.foresporselId,
      decision.meldingId ?? null,
      decision.requestType,
      decision.reply.meldingType,
      JSON.stringify(decision.reply.payload),
      at,
    ],
  );
  return rows.length === 1;
}

/** Records that the answer was sent. Returns false when no decision is stored under the id. */
export async function markDecisionAnswerSent(
  q: Queryable,
  foresporselId: string,
  at: Date,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE decisions SET answer_sent_at = COALESCE(answer_sent_at, $2) WHERE foresporsel_id = $1
     RETURNING decision_id`,
    [foresporselId, at],
  );
  return rows.length === 1;
}
