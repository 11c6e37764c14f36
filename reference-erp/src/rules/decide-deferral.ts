import { addDays, addMonths, nextBankingDay } from '@fiks-faktura/sdk';
import { innsynRecordOf, queueInnsynUpdate } from '../ledger/innsyn-outbox.js';
import { findInvoiceForRequester } from '../ledger/invoice-access.js';
import { MESSAGE_TYPE } from '../protocol/message-types.js';
import type { DeferralRequest } from '../protocol/messages.js';
import {
  hasDeferral,
  hasOtherOverdueInvoices,
  invoiceStateDenial,
  originalDueDate,
} from './common-denials.js';
import type { Decision, DecisionContext } from './decision.js';
import type { DenialCode } from './denial-reasons.js';
import { denialPayload } from './denial-reply.js';
import { lateInterestRateOn } from './late-interest-rate.js';
import { notFoundDecision } from './not-found-decision.js';

/**
 * Decides a payment deferral and books it when granted (in `ctx.tx`).
 *
 * The checks run in this order, so every reason code is reachable and the citizen hears the
 * most fundamental reason first:
 * 1. not the requester's invoice, or not sent to them → `ikkefunnet`;
 * 2. the invoice's state: FAKTURA_KREDITERT, FAKTURA_BETALT, SENDT_INKASSO, INKASSOVARSEL_SENDT,
 *    HAR_NEDBETALINGSPLAN (see `invoiceStateDenial`);
 * 3. ALLEREDE_UTSATT (one deferral per invoice);
 * 4. FAKTURATYPE_IKKE_STOETTET;
 * 5. FAKTURA_FORFALT: asked after the original due date;
 * 6. DATO_UGYLDIG: the wished date is not after the current due date (or is in the past);
 * 7. DATO_FOR_SEN: the wished date is more than `maxDaysAfterDueDate` after the original due
 *    date (with `senesteTillatteForfallsdato`); the limit applies to the date asked for, before
 *    it is moved to a banking day;
 * 8. ANDRE_FORFALTE_KRAV: the payer has other overdue invoices;
 * 9. MAKS_ANTALL_UTSETTELSER: `maxPerPayer` deferrals granted to the payer in the last
 *    `windowMonths` months;
 * 10. BELOEP_OVER_GRENSE: rest above the hard ceiling (when configured);
 * 11. KREVER_MANUELL_BEHANDLING: rest above the automatic approval limit (inclusive limit).
 * Granted: the due date moves to the wished date, moved on to the next banking day; same KID and
 * invoice number; the next reminder no earlier than `reminderMinDaysAfterDueDate` after it; the
 * Innsyn record (`korrigert: true`) is queued for release after the answer.
 */
export async function decideDeferral(request: DeferralRequest, ctx: DecisionContext): Promise<Decision> {
  const { tx, config, today } = ctx;
  const rules = config.deferral;
  const access = await findInvoiceForRequester(tx, request.innbygger, request.faktura);
  if (!access) return notFoundDecision(ctx, MESSAGE_TYPE.deferralRequest, request);
  const { payer, invoice } = access;
  const original = await originalDueDate(tx, invoice);
  const wished = request.oensketForfallsdato;
  const latest = addDays(original, rules.maxDaysAfterDueDate);

  const deny = async (code: DenialCode, hints = {}): Promise<Decision> => ({
    reply: {
      meldingType: MESSAGE_TYPE.deferralResult,
      payload: await denialPayload(ctx, request.foresporselId, invoice, code, hints),
    },
    audit: { actor: payer.payerId, invoiceNumber: invoice.invoiceNumber, outcome: `AVSLAATT:${code}` },
  });

  const stateDenial = invoiceStateDenial(invoice);
  if (stateDenial) return deny(stateDenial);
  if (await hasDeferral(tx, invoice.invoiceNumber)) return deny('ALLEREDE_UTSATT');
  if (rules.unsupportedProductTypes.includes(invoice.productType)) return deny('FAKTURATYPE_IKKE_STOETTET');
  if (today > original) return deny('FAKTURA_FORFALT');
  if (wished <= invoice.dueDate || wished < today) return deny('DATO_UGYLDIG');
  if (wished > latest) return deny('DATO_FOR_SEN', { senesteTillatteForfallsdato: latest });
  if (await hasOtherOverdueInvoices(tx, payer.payerId, invoice.invoiceNumber, today)) {
    return deny('ANDRE_FORFALTE_KRAV');
  }
  const recent = await tx.query<{ n: number }>(
    'SELECT count(*)::bigint AS n FROM deferrals WHERE requested_by = $1 AND granted_on > $2',
    [payer.payerId, addMonths(today, -rules.windowMonths)],
  );
  if ((recent[0]?.n ?? 0) >= rules.maxPerPayer) return deny('MAKS_ANTALL_UTSETTELSER');
  if (rules.hardCeilingOere !== null && invoice.restOere > rules.hardCeilingOere)
    return deny('BELOEP_OVER_GRENSE');
  if (invoice.restOere > rules.autoApprovalMaxOere) return deny('KREVER_MANUELL_BEHANDLING');

  const granted = nextBankingDay(wished);
  await tx.query(
    `INSERT INTO deferrals (invoice_number, requested_by, original_due_date, new_due_date, granted_on, foresporsel_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [invoice.invoiceNumber, payer.payerId, original, granted, today, request.foresporselId],
  );
  const nextReminder = addDays(granted, config.reminderMinDaysAfterDueDate);
  await tx.query('UPDATE invoices SET due_date = $2, next_reminder_date = $3 WHERE invoice_number = $1', [
    invoice.invoiceNumber,
    granted,
    nextReminder,
  ]);
  const updated = { ...invoice, dueDate: granted, nextReminderDate: nextReminder };
  await queueInnsynUpdate(tx, innsynRecordOf(updated, { korrigert: true }), ctx.now, request.foresporselId);

  const bankChannel = payer.avtalegiro ? 'AVTALEGIRO' : payer.efaktura ? 'EFAKTURA' : null;
  const rate = lateInterestRateOn(config.lateInterestRates, original);
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
      meldingType: MESSAGE_TYPE.deferralResult,
      payload: {
        foresporselId: request.foresporselId,
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
      details: { opprinneligForfallsdato: original, nyForfallsdato: granted },
    },
  };
}
