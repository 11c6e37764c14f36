import { writeAuditEntry } from '../ledger/audit-log.js';
import { releaseInnsynUpdates } from '../ledger/innsyn-outbox.js';
import type { Database } from '../store/database.js';

/** What one sweep did. */
export interface SweepEffects {
  /** Decisions the sweep marked (answered, never marked sent, older than the grace period). */
  decisionsReleased: number;
  /** Innsyn updates released by it. */
  innsynReleased: number;
}

/**
 * Releases the Innsyn updates of answered decisions that were never marked sent: the process
 * died after Fiks IO accepted the answer and before `markAnswerSent` ran, so nothing else would
 * ever release them.
 *
 * Why releasing is safe: a decision is committed, with its exact answer, before the answer is
 * sent. A decision older than the grace period (`graceSeconds`, longer than a send normally
 * takes) either was sent (the process died before recording it), or its request is still
 * unacknowledged at Fiks IO and will be redelivered, and the redelivered request gets this
 * stored answer again. Either way the citizen gets this answer, so the portal may show it; at
 * worst Innsyn shows the change a little before the answer arrives. The decision is marked
 * `swept_at` (not `answer_sent_at`, which only a real send sets). Each decision whose updates
 * were released is audit-logged.
 */
export async function sweepAnsweredDecisions(
  db: Database,
  now: Date,
  graceSeconds: number,
): Promise<SweepEffects> {
  return db.transaction(async (tx) => {
    const swept = await tx.query<{ foresporselId: string }>(
      `UPDATE decisions SET swept_at = $1
       WHERE answer_sent_at IS NULL AND swept_at IS NULL AND decided_at < $2
       RETURNING foresporsel_id AS "foresporselId"`,
      [now, new Date(now.getTime() - graceSeconds * 1000)],
    );
    let innsynReleased = 0;
    for (const { foresporselId } of swept) {
      const released = await releaseInnsynUpdates(tx, foresporselId, now);
      innsynReleased += released;
      if (released === 0) continue;
      await writeAuditEntry(
        tx,
        {
          actor: 'system',
          action: 'jobb:frigi-innsyn',
          foresporselId,
          outcome: 'FRIGITT_ETTER_FRIST',
          details: { innsynFrigitt: released, fristSekunder: graceSeconds },
        },
        now,
      );
    }
    return { decisionsReleased: swept.length, innsynReleased };
  });
}
