import { addBankingDays } from '@fiks-faktura/sdk';
import { ReferenceErpError } from '../errors/reference-erp-error.js';
import { innsynRecordOf, queueInnsynUpdate } from '../ledger/innsyn-outbox.js';
import { findInvoiceForRequester } from '../ledger/invoice-access.js';
import { readUnit } from '../ledger/unit.js';
import {
  type CommentRequestType,
  type ErpRequest,
  type ReplyTo,
  replyTypeOf,
} from '../protocol/erp-protocols.js';
import { feilmeldingReply } from '../protocol/feilmelding-reply.js';
import type { Decision, DecisionContext } from './decision.js';
import { notFoundDecision } from './not-found-decision.js';
import { attachmentProblems } from './request-checks.js';

/**
 * Receives a comment on an invoice and routes it (in `ctx.tx`).
 *
 * 1. rule 5: a `vedlegg[i].filnavn` that names no file of the ASiC-E (other than the payload
 *    file), or is listed twice → `ugyldigforespoersel` naming `/vedlegg/<i>/filnavn`, before any
 *    ledger lookup;
 * 2. not the requester's invoice, or not sent to them → `ikkefunnet`;
 * 3. more than `maxPerPayerPerDay` comments from the payer today → `ugyldigforespoersel` with a
 *    clear `feilmelding` (the protocol has no denial for comments; the request is refused as a
 *    whole, and nothing is booked);
 * 4. routed by the invoice's product type through `comments.routing`, else to `fallbackUnit`;
 *    `forventetSvarInnen` is today plus the unit's response time in banking days;
 * 5. categories in `disputingCategories` (KLAGE, FEIL_I_FAKTURA) mark the invoice disputed and
 *    pause its reminders, and open a dispute; Innsyn gets the invoice with `omtvistet: true`,
 *    released once the receipt has been sent (rule 7).
 * The listed attachments are stored with the comment (name, MIME type, size, SHA-256, content).
 */
export async function decideComment(
  { meldingType, payload: request }: ErpRequest<CommentRequestType>,
  ctx: DecisionContext,
): Promise<Decision<ReplyTo<CommentRequestType>>> {
  const { tx, config, today, now } = ctx;
  const rules = config.comments;
  const problems = attachmentProblems(request.vedlegg, ctx.attachments);
  if (problems.length > 0) {
    return {
      reply: feilmeldingReply(
        ctx.catalog,
        meldingType,
        'ugyldigforespoersel',
        'Vedleggene i forespørselen stemmer ikke med filene i forsendelsen; se detaljer.',
        { origin: ctx.origin, detaljer: problems },
      ),
      audit: { actor: 'ukjent', invoiceNumber: request.faktura.fakturanummer, outcome: 'UGYLDIG:VEDLEGG' },
    };
  }
  const access = await findInvoiceForRequester(tx, request.innbygger, request.faktura);
  if (!access) return notFoundDecision(ctx, meldingType, request.faktura);
  const { payer, invoice } = access;

  const todays = await tx.query<{ n: number }>(
    'SELECT count(*)::bigint AS n FROM comments WHERE payer_id = $1 AND received_on = $2',
    [payer.payerId, today],
  );
  if ((todays[0]?.n ?? 0) >= rules.maxPerPayerPerDay) {
    return {
      reply: feilmeldingReply(
        ctx.catalog,
        meldingType,
        'ugyldigforespoersel',
        `Du har sendt ${rules.maxPerPayerPerDay} henvendelser i dag, som er det meste vi tar imot per dag. Prøv igjen i morgen, eller kontakt kommunen direkte.`,
        { origin: ctx.origin },
      ),
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
  await storeAttachments(ctx, henvendelseId, request.vedlegg ?? []);
  const disputing = rules.disputingCategories.includes(request.kategori);
  if (disputing) {
    await tx.query('UPDATE invoices SET disputed = TRUE, reminders_paused = TRUE WHERE invoice_number = $1', [
      invoice.invoiceNumber,
    ]);
    await tx.query(
      'INSERT INTO disputes (invoice_number, henvendelse_id, category, opened_on) VALUES ($1, $2, $3, $4)',
      [invoice.invoiceNumber, henvendelseId, request.kategori, today],
    );
    const disputed = { ...invoice, disputed: true, remindersPaused: true };
    await queueInnsynUpdate(tx, innsynRecordOf(disputed, { omtvistet: true }), now, request.foresporselId);
  }
  const kontakt = {
    ...(unit.email === null ? {} : { epost: unit.email }),
    ...(unit.phone === null ? {} : { telefon: unit.phone }),
  };
  return {
    reply: {
      meldingType: replyTypeOf(meldingType, 'kvittering'),
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

/** Stores the files `vedlegg` lists, in its order, as they came in the ASiC-E. */
async function storeAttachments(
  ctx: DecisionContext,
  henvendelseId: string,
  vedlegg: readonly { filnavn: string; mimeType: string }[],
): Promise<void> {
  for (const [position, entry] of vedlegg.entries()) {
    const file = ctx.attachments.find((a) => a.name === entry.filnavn);
    if (file === undefined) continue;
    await ctx.tx.query(
      `INSERT INTO comment_attachments (henvendelse_id, position, file_name, mime_type, size_bytes, sha256, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [henvendelseId, position, file.name, entry.mimeType, file.size, file.sha256, file.content],
    );
  }
}
