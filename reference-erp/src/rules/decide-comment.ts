import { addBankingDays } from '@fiks-faktura/sdk';
import { ReferenceErpError } from '../errors/reference-erp-error.js';
import { findInvoiceForRequester } from '../ledger/invoice-access.js';
import { readUnit } from '../ledger/unit.js';
import { errorReply } from '../protocol/error-reply.js';
import { MESSAGE_TYPE } from '../protocol/message-types.js';
import type { CommentRequest } from '../protocol/messages.js';
import type { Decision, DecisionContext } from './decision.js';
import { notFoundDecision } from './not-found-decision.js';

/**
 * Receives a comment on an invoice and routes it (in `ctx.tx`).
 *
 * 1. not the requester's invoice, or not sent to them → `ikkefunnet`;
 * 2. more than `maxPerPayerPerDay` comments from the payer today → `ugyldigforespoersel` with a
 *    clear `feilmelding` (the protocol has no denial for comments; the request is refused as a
 *    whole, and nothing is booked);
 * 3. routed by the invoice's product type through `comments.routing`, else to `fallbackUnit`;
 *    `forventetSvarInnen` is today plus the unit's response time in banking days;
 * 4. categories in `disputingCategories` (KLAGE, FEIL_I_FAKTURA) mark the invoice disputed and
 *    pause its reminders, and open a dispute.
 */
export async function decideComment(request: CommentRequest, ctx: DecisionContext): Promise<Decision> {
  const { tx, config, today, now } = ctx;
  const rules = config.comments;
  const access = await findInvoiceForRequester(tx, request.innbygger, request.faktura);
  if (!access) return notFoundDecision(ctx, MESSAGE_TYPE.commentRequest, request);
  const { payer, invoice } = access;

  const todays = await tx.query<{ n: number }>(
    'SELECT count(*)::bigint AS n FROM comments WHERE payer_id = $1 AND received_on = $2',
    [payer.payerId, today],
  );
  if ((todays[0]?.n ?? 0) >= rules.maxPerPayerPerDay) {
    return {
      reply: errorReply(MESSAGE_TYPE.commentRequest, 'ugyldigforespoersel', {
        errorId: ctx.newId(),
        feilmelding: `Du har sendt ${rules.maxPerPayerPerDay} henvendelser i dag, som er det meste vi tar imot per dag. Prøv igjen i morgen, eller kontakt kommunen direkte.`,
        correlationId: request.foresporselId,
      }),
      audit: { actor: payer.payerId, invoiceNumber: invoice.invoiceNumber, outcome: 'UGYLDIG:MAKS_PER_DAG' },
    };
  }

  const unitId = rules.routing[invoice.productType] ?? rules.fallbackUnit;
  const unit = await readUnit(tx, unitId);
  if (!unit) {
    throw new ReferenceErpError(
      'ROUTING_UNIT_UNKNOWN',
      `Comments on ${invoice.productType} are routed to unit '${unitId}', which the ledger does not have; fix comments.routing or comments.fallbackUnit.`,
      { details: { unitId, productType: invoice.productType } },
    );
  }
  const henvendelseId = ctx.newId();
  const responseDays = rules.responseBankingDays.perUnit[unitId] ?? rules.responseBankingDays.default;
  const answerDue = addBankingDays(today, responseDays);
  await tx.query(
    `INSERT INTO comments (henvendelse_id, invoice_number, payer_id, category, text, contact, reply_channel,
       attachments, unit_id, received_at, received_on, answer_due, foresporsel_id)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8::jsonb, $9, $10, $11, $12, $13)`,
    [
      henvendelseId,
      invoice.invoiceNumber,
      payer.payerId,
      request.kategori,
      request.tekst,
      request.kontakt === undefined ? null : JSON.stringify(request.kontakt),
      request.oensketSvarkanal ?? null,
      request.vedlegg === undefined ? null : JSON.stringify(request.vedlegg),
      unitId,
      now,
      today,
      answerDue,
      request.foresporselId,
    ],
  );
  const disputing = rules.disputingCategories.includes(request.kategori);
  if (disputing) {
    await tx.query('UPDATE invoices SET disputed = TRUE, reminders_paused = TRUE WHERE invoice_number = $1', [
      invoice.invoiceNumber,
    ]);
    await tx.query(
      'INSERT INTO disputes (invoice_number, henvendelse_id, category, opened_on) VALUES ($1, $2, $3, $4)',
      [invoice.invoiceNumber, henvendelseId, request.kategori, today],
    );
  }
  const kontakt = {
    ...(unit.email === null ? {} : { epost: unit.email }),
    ...(unit.phone === null ? {} : { telefon: unit.phone }),
  };
  return {
    reply: {
      meldingType: MESSAGE_TYPE.commentReceipt,
      payload: {
        foresporselId: request.foresporselId,
        henvendelseId,
        mottattTidspunkt: now.toISOString(),
        rutetTil: {
          enhetId: unit.unitId,
          enhetNavn: unit.name,
          ...(Object.keys(kontakt).length === 0 ? {} : { kontakt }),
        },
        forventetSvarInnen: answerDue,
      },
    },
    audit: {
      actor: payer.payerId,
      invoiceNumber: invoice.invoiceNumber,
      outcome: 'MOTTATT',
      details: { henvendelseId, enhetId: unitId, kategori: request.kategori, omtvistet: disputing },
    },
  };
}
