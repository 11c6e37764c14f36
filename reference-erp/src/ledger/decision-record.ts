import type { StoredAnswer } from '@fiks-faktura/sdk';
import type { RequestFingerprint } from '../protocol/request-fingerprint.js';
import type { Queryable } from '../store/database.js';

/** A stored answer: the idempotency record of one decided request. */
export interface StoredDecision {
  foresporselId: string;
  requestType: string;
  /** Null for decisions stored before requests were fingerprinted. */
  requesterKey: string | null;
  requestHash: string | null;
  reply: StoredAnswer;
}

/** True when `fingerprint` and `requestType` are those the decision was made for. */
export function isSameRequest(
  stored: StoredDecision,
  requestType: string,
  fingerprint: RequestFingerprint,
): boolean {
  if (stored.requestType !== requestType) return false;
  if (stored.requesterKey === null || stored.requestHash === null) return true;
  return stored.requesterKey === fingerprint.requesterKey && stored.requestHash === fingerprint.requestHash;
}

/**
 * The decision stored for the Fiks IO message `meldingId` (a redelivery: `sameMessage`), else the
 * one stored under `foresporselId`, or null. One query.
 */
export async function findDecision(
  q: Queryable,
  foresporselId: string,
  meldingId?: string,
): Promise<(StoredDecision & { sameMessage: boolean }) | null> {
  const rows = await q.query<{
    sameMessage: boolean;
    foresporselId: string;
    requestType: string;
    requesterKey: string | null;
    requestHash: string | null;
    replyType: string;
    replyPayload: string;
  }>(
    `SELECT foresporsel_id AS "foresporselId", request_type AS "requestType",
       requester_key AS "requesterKey", request_hash AS "requestHash",
       reply_type AS "replyType", reply_payload AS "replyPayload",
       COALESCE(melding_id = $2, FALSE) AS "sameMessage"
     FROM decisions WHERE foresporsel_id = $1 OR melding_id = $2
     ORDER BY COALESCE(melding_id = $2, FALSE) DESC LIMIT 1`,
    [foresporselId, meldingId ?? null],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    sameMessage: row.sameMessage,
    foresporselId: row.foresporselId,
    requestType: row.requestType,
    requesterKey: row.requesterKey,
    requestHash: row.requestHash,
    reply: { meldingType: row.replyType, payload: JSON.parse(row.replyPayload) },
  };
}

/**
 * The answer already given to the Fiks IO message `meldingId` (a redelivery): the decision made
 * for it, or an answer kept in `message_answers` (schema failures, clashes). Null when none.
 */
export async function findAnswerToMessage(
  q: Queryable,
  meldingId: string,
): Promise<{ requestType: string; foresporselId: string | null; reply: StoredAnswer } | null> {
  const rows = await q.query<{
    requestType: string;
    foresporselId: string | null;
    replyType: string;
    replyPayload: string;
  }>(
    `SELECT request_type AS "requestType", foresporsel_id AS "foresporselId",
       reply_type AS "replyType", reply_payload AS "replyPayload"
     FROM decisions WHERE melding_id = $1
     UNION ALL
     SELECT request_type, NULL, reply_type, reply_payload FROM message_answers WHERE melding_id = $1
     LIMIT 1`,
    [meldingId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    requestType: row.requestType,
    foresporselId: row.foresporselId,
    reply: { meldingType: row.replyType, payload: JSON.parse(row.replyPayload) },
  };
}

/** Keeps the answer given to one Fiks IO message that has no decision of its own (first one wins). */
export async function storeMessageAnswer(
  q: Queryable,
  answer: { meldingId: string; requestType: string; reply: StoredAnswer },
  at: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO message_answers (melding_id, request_type, reply_type, reply_payload, answered_at)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [
      answer.meldingId,
      answer.requestType,
      answer.reply.meldingType,
      JSON.stringify(answer.reply.payload),
      at,
    ],
  );
}

/**
 * Stores the answer of a request in the caller's transaction, with the request's fingerprint.
 * Returns false when another transaction stored an answer for the same `foresporselId` (or
 * `meldingId`) first: the caller must then roll back its bookings and compare with that one. The
 * answer is kept as the exact JSON text, so a repeat returns it unchanged.
 */
export async function storeDecision(
  q: Queryable,
  decision: {
    foresporselId: string;
    meldingId?: string;
    requestType: string;
    fingerprint: RequestFingerprint;
    reply: StoredAnswer;
  },
  at: Date,
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO decisions (foresporsel_id, melding_id, request_type, requester_key, request_hash,
       reply_type, reply_payload, decided_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING decision_id`,
    [
      decision.foresporselId,
      decision.meldingId ?? null,
      decision.requestType,
      decision.fingerprint.requesterKey,
      decision.fingerprint.requestHash,
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

/** The answer kept in `message_answers` for the Fiks IO message `meldingId` (not decisions), or null. */
export async function findMessageAnswer(q: Queryable, meldingId: string): Promise<StoredAnswer | null> {
  const rows = await q.query<{ replyType: string; replyPayload: string }>(
    `SELECT reply_type AS "replyType", reply_payload AS "replyPayload" FROM message_answers WHERE melding_id = $1`,
    [meldingId],
  );
  const row = rows[0];
  return row ? { meldingType: row.replyType, payload: JSON.parse(row.replyPayload) } : null;
}
