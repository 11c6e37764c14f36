import { addDays, addMonths, nextBankingDay, parseCalendarDate } from '@fiks-faktura/sdk';
import { innsynRecordOf, queueInnsynUpdate } from '../ledger/innsyn-outbox.js';
import { findInvoiceForRequester } from '../ledger/invoice-access.js';
import {
  type DeferralRequestType,
  type ErpRequest,
  type ReplyTo,
  replyTypeOf,
} from '../protocol/erp-protocols.js';
import { hasOtherOverdueInvoices, invoiceStateDenial, originalDueDate } from './common-denials.js';
import type { Decision, DecisionContext } from './decision.js';
import type { DenialCodeOf } from './denial-messages.js';
import { denialPayload } from './denial-reply.js';
import { answerInterestRate } from './late-interest-rate.js';
import { notFoundDecision } from './not-found-decision.js';

/**
 * Decides a payment deferral and books it when granted (in `ctx.tx`). Identifier check digits
 * (rule 1) were checked before, by the ERP, for every protocol.
 *
 * The checks run in the order of `protocols/fixtures/README.md` ("Rule order"), so the citizen
 * hears the most fundamental reason first and is never refused for one reason, then another:
 * 1. not the requester's invoice, or not sent to them → `ikkefunnet`;
 * 2. product type: FAKTURATYPE_IKKE_STOETTET;
 * 3. the invoice's own state: FAKTURA_BETALT, FAKTURA_KREDITERT, SENDT_INKASSO,
 *    INKASSOVARSEL_SENDT, FAKTURA_FORFALT (past its due date), ALLEREDE_UTSATT,
 *    HAR_NEDBETALINGSPLAN (see `invoiceStateDenial`);
 * 4. payer-level: MAKS_ANTALL_UTSETTELSER (`maxPerPayer` deferrals granted to the payer in the
 *    last `windowMonths` months), then ANDRE_FORFALTE_KRAV (other overdue invoices);
 * 5. the amount: BELOEP_OVER_GRENSE (rest above the hard ceiling, when configured), then
 *    KREVER_MANUELL_BEHANDLING (rest above the automatic approval limit, which is inclusive);
 * 6. the requested date: DATO_UGYLDIG (not after the current due date, or in the past), then
 *    DATO_FOR_SEN: later than `senesteTillatteForfallsdato`, which is the original due date plus
 *    `maxDaysAfterDueDate`, moved forward to the next banking day (the latest date the citizen can
 *    ask for and get as it is).
 * Granted: the due date moves to the wished date, moved on to the next banking day; same KID and
 * invoice number; the next reminder no earlier than `reminderMinDaysAfterDueDate` after it; the
 * rate is the one in force on the day of the answer; the Innsyn record (`korrigert: true`) is
 * queued for release after the answer.
 */
export async function decideDeferral(
  request: ErpRequest<DeferralRequestType>,
  ctx: DecisionContext,
): Promise<Decision<ReplyTo<DeferralRequestType>>> {
  const { tx, config, today } = ctx;
  const rules = config.deferral;
  const { payload } = request;
  const access = await findInvoiceForRequester(tx, payload.innbygger, payload.faktura);
  if (!access) return notFoundDecision(ctx, request.meldingType, payload.faktura);
  const { payer, invoice } = access;
  const original = await originalDueDate(tx, invoice);
  const wished = parseCalendarDate(payload.oensketForfallsdato);
  const latest = nextBankingDay(addDays(original, rules.maxDaysAfterDueDate));

  const deny = async (
    code: DenialCodeOf<DeferralRequestType>,
    hints: { senesteTillatteForfallsdato?: string } = {},
  ): Promise<Decision<ReplyTo<DeferralRequestType>>> => ({
    reply: {
      meldingType: replyTypeOf(request.meldingType, 'resultat'),
      payload: await denialPayload(ctx, request.meldingType, payload.foresporselId, invoice, code, hints),
    },
    audit: { actor: payer.payerId, invoiceNumber: invoice.invoiceNumber, outcome: `AVSLAATT:${code}` },
  });

  if (rules.unsupportedProductTypes.includes(invoice.productType)) return deny('FAKTURATYPE_IKKE_STOETTET');
  const stateDenial = await invoiceStateDenial(tx, invoice, today);
  if (stateDenial) return deny(stateDenial);
  const recent = await tx.query<{ n: number }>(
    'SELECT count(*)::bigint AS n FROM deferrals WHERE requested_by = $1 AND granted_on > $2',
    [payer.payerId, addMonths(today, -rules.windowMonths)],
  );
  if ((recent[0]?.n ?? 0) >= rules.maxPerPayer) return deny('MAKS_ANTALL_UTSETTELSER');
  if (await hasOtherOverdueInvoices(tx, payer.payerId, invoice.invoiceNumber, today)) {
    return deny('ANDRE_FORFALTE_KRAV');
  }
  if (rules.hardCeilingOere !== null && invoice.restOere > rules.hardCeilingOere)
    return deny('BELOEP_OVER_GRENSE');
  if (invoice.restOere > rules.autoApprovalMaxOere) return deny('KREVER_MANUELL_BEHANDLING');
  if (wished <= invoice.dueDate || wished < today) return deny('DATO_UGYLDIG');
  if (wished > latest) return deny('DATO_FOR_SEN', { senesteTillatteForfallsdato: latest });

  const rate = answerInterestRate(config, today);
  const granted = nextBankingDay(wished);
  await tx.query(
    `INSERT INTO deferrals (invoice_number, requested_by, original_due_date, new_due_date, granted_on, foresporsel_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [invoice.invoiceNumber, payer.payerId, original, granted, today, payload.foresporselId],
  );
  const nextReminder = addDays(granted, config.reminderMinDaysAfterDueDate);
  await tx.query('UPDATE invoices SET due_date = $2, next_reminder_date = $3 WHERE invoice_number = $1', [
    invoice.invoiceNumber,
    granted,
    nextReminder,
  ]);
  const updated = { ...invoice, dueDate: granted, nextReminderDate: nextReminder };
  await queueInnsynUpdate(tx, innsynRecordOf(updated, { korrigert: true }), ctx.now, payload.foresporselId);

  const bankChannel = payer.avtalegiro ? 'AVTALEGIRO' : payer.efaktura ? 'EFAKTURA' : null;
  const message = [
    `Betalingsutsettelsen er innvilget. Ny forfallsdato er ${granted}.`,
    granted !== wished
      ? 'Datoen du ba om er ikke en bankdag, så forfallet er flyttet til neste bankdag.'
      : '',
    'Forsinkelsesrente kan beregnes fra opprinnelig forfallsdato.',
    bankChannel === 'AVTALEGIRO' ? 'Du betaler med AvtaleGiro: endre også forfallsdatoen i nettbanken.' : '',
    bankChannel === 'EFAKTURA' ? 'Du mottar eFaktura: endre også forfallsdatoen i nettbanken.' : '',
  ].filter((part) => part !== '');
  return {
    reply: {
      meldingType: replyTypeOf(request.meldingType, 'resultat'),
      payload: {
        foresporselId: payload.foresporselId,
        utfall: 'INNVILGET',
        opprinneligForfallsdato: original,
        nyForfallsdato: granted,
        renter: {
          renteFraDato: original,
          grunnlag: 'FORSINKELSESRENTE',
          ...(rate === undefined ? {} : { rentesatsProsent: rate }),
        },
        gebyrOere: rules.feeOere,
        faktura: {
          fakturanummer: invoice.invoiceNumber,
          kid: invoice.kid,
          kontonummer: invoice.accountNumber,
          forfallsdato: granted,
          beloepOere: invoice.amountOere,
          restbeloepOere: invoice.restOere,
        },
        ...(bankChannel === null ? {} : { betalingskanal: { kanal: bankChannel, maaEndresIBank: true } }),
        meldingTilInnbygger: message.join(' '),
      },
    },
    audit: {
      actor: payer.payerId,
      invoiceNumber: invoice.invoiceNumber,
      outcome: 'INNVILGET',
      details: { opprinneligForfallsdato: original, nyForfallsdato: granted, rentesatsProsent: rate ?? null },
    },
  };
}
