import type { CalendarDate } from '@fiks-faktura/sdk';
import type { Queryable } from '../store/database.js';

/** The kinds of written notice the jobs send. */
export type NoticeKind = 'AVDRAG_FORFALT' | 'PLAN_KANSELLERT' | 'PURRING';

/** A written notice to a payer, as the jobs record it. */
export interface Notice {
  kind: NoticeKind;
  invoiceNumber: string;
  planId: string | null;
  /** 1 for the first notice of its kind on the invoice, 2 for the second reminder, … */
  sequence: number;
  sentOn: CalendarDate;
  feeOere: number;
  /** What the payer owes on the claim, fees not included. */
  amountDueOere: number;
  payBy: CalendarDate | null;
  /** The notice's text, in Norwegian, as the payer reads it. */
  text: string;
}

/**
 * Records `notice` in the caller's transaction (the `notices` table is the outbox a letter or
 * e-mail sender reads). Returns false, changing nothing, when the notice of that kind and
 * sequence was already sent for the invoice, so a job run twice sends nothing twice.
 */
export async function sendNotice(q: Queryable, notice: Notice, at: Date): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO notices (kind, invoice_number, plan_id, sequence, sent_on, fee_oere, amount_due_oere, pay_by, text, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (kind, invoice_number, sequence) DO NOTHING RETURNING notice_id`,
    [
      notice.kind,
      notice.invoiceNumber,
      notice.planId,
      notice.sequence,
      notice.sentOn,
      notice.feeOere,
      notice.amountDueOere,
      notice.payBy,
      notice.text,
      at,
    ],
  );
  return rows.length === 1;
}

/** The notices of an invoice (all kinds), oldest first. */
export async function noticesOf(q: Queryable, invoiceNumber: string): Promise<Notice[]> {
  return q.query<Notice & Record<string, unknown>>(
    `SELECT kind, invoice_number AS "invoiceNumber", plan_id AS "planId", sequence, sent_on AS "sentOn",
       fee_oere AS "feeOere", amount_due_oere AS "amountDueOere", pay_by AS "payBy", text
     FROM notices WHERE invoice_number = $1 ORDER BY notice_id`,
    [invoiceNumber],
  );
}

/** Kroner with øre, as a notice prints an amount (`1 234,50 kr`). */
export function kronerText(oere: number): string {
  return `${(oere / 100).toLocaleString('nb-NO', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} kr`;
}
