import type { Queryable } from '../store/database.js';

/** One audit entry: who did what to which invoice, and what was decided. */
export interface AuditEntry {
  /** The payer id, or `ukjent` when the requester is not in the ledger. */
  actor: string;
  /** The request (message type) or ledger action. */
  action: string;
  invoiceNumber?: string | null;
  foresporselId?: string | null;
  /** INNVILGET, AVSLAATT:<code>, MOTTATT, IKKEFUNNET, UGYLDIG, BETALT, … */
  outcome: string;
  details?: Record<string, unknown>;
}

/** Appends `entry` in the caller's transaction. */
export async function writeAuditEntry(q: Queryable, entry: AuditEntry, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (logged_at, actor, action, invoice_number, foresporsel_id, outcome, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [
      at,
      entry.actor,
      entry.action,
      entry.invoiceNumber ?? null,
      entry.foresporselId ?? null,
      entry.outcome,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}
