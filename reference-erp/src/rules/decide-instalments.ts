import { addMonths, monthlyDueDates, splitWholeKroner } from '@fiks-faktura/sdk';
import { innsynRecordOf, queueInnsynUpdate } from '../ledger/innsyn-outbox.js';
import { insertInvoice } from '../ledger/insert-invoice.js';
import { instalmentInvoices } from '../ledger/instalment-invoices.js';
import { findInvoiceForRequester } from '../ledger/invoice-access.js';
import { MESSAGE_TYPE } from '../protocol/message-types.js';
import type { InstalmentRequest, JsonObject } from '../protocol/messages.js';
import { hasDeferral, hasOtherOverdueInvoices, invoiceStateDenial } from './common-denials.js';
import type { Decision, DecisionContext } from './decision.js';
import type { DenialCode } from './denial-reasons.js';
import { denialPayload } from './denial-reply.js';
import { lateInterestRateOn } from './late-interest-rate.js';
import { notFoundDecision } from './not-found-decision.js';

/**
 * Decides an instalment plan and books it when granted (in `ctx.tx`).
 *
 * Checks, in this order:
 * 1. not the requester's invoice, or not sent to them → `ikkefunnet`;
 * 2. the invoice's state (FAKTURA_KREDITERT, FAKTURA_BETALT, SENDT_INKASSO, INKASSOVARSEL_SENDT,
 *    HAR_NEDBETALINGSPLAN);
 * 3. ALLEREDE_UTSATT: a deferred invoice cannot also be split;
 * 4. FAKTURATYPE_IKKE_STOETTET;
 * 5. FAKTURA_FORFALT: the invoice is past its due date;
 * 6. ANDRE_FORFALTE_KRAV;
 * 7. BELOEP_UNDER_GRENSE: rest below `minRestOere` (hint `minsteAvdragOere`);
 * 8. FOR_MANGE_AVDRAG: more than `maxInstalments` (hint `maksAntallAvdrag`);
 * 9. AVDRAG_FOR_LITE: an instalment below `minInstalmentOere` (hints `maksAntallAvdrag`,
 *    `minsteAvdragOere`);
 * 10. DATO_UGYLDIG: `foersteForfallsdato` in the past;
 * 11. SISTE_FORFALL_FOR_SEN: the last due date more than `lastDueDateMaxMonths` after today.
 * Granted: the rest is split in whole kroner (remainder on the first), due monthly on the same
 * day from `foersteForfallsdato` (default: the invoice's due date), each moved to a banking day;
 * each instalment becomes a new invoice (`<original>-01…`, new MOD10 KID); the original is marked
 * replaced; Innsyn gets `kanBetales: false` for the original and one record per instalment.
 */
export async function decideInstalments(request: InstalmentRequest, ctx: DecisionContext): Promise<Decision> {
  const { tx, config, today } = ctx;
  const rules = config.instalments;
  const access = await findInvoiceForRequester(tx, request.innbygger, request.faktura);
  if (!access) return notFoundDecision(ctx, MESSAGE_TYPE.instalmentRequest, request);
  const { payer, invoice } = access;

  const deny = async (code: DenialCode, hints: JsonObject = {}): Promise<Decision> => ({
    reply: {
      meldingType: MESSAGE_TYPE.instalmentResult,
      payload: await denialPayload(ctx, request.foresporselId, invoice, code, hints),
    },
    audit: { actor: payer.payerId, invoiceNumber: invoice.invoiceNumber, outcome: `AVSLAATT:${code}` },
  });
  const count = request.antallAvdrag;
  const affordable = Math.min(rules.maxInstalments, Math.floor(invoice.restOere / rules.minInstalmentOere));
  const countHint = affordable >= 2 ? { maksAntallAvdrag: affordable } : {};

  const stateDenial = invoiceStateDenial(invoice);
  if (stateDenial) return deny(stateDenial);
  if (await hasDeferral(tx, invoice.invoiceNumber)) return deny('ALLEREDE_UTSATT');
  if (rules.unsupportedProductTypes.includes(invoice.productType)) return deny('FAKTURATYPE_IKKE_STOETTET');
  if (today > invoice.dueDate) return deny('FAKTURA_FORFALT');
  if (await hasOtherOverdueInvoices(tx, payer.payerId, invoice.invoiceNumber, today)) {
    return deny('ANDRE_FORFALTE_KRAV');
  }
  if (invoice.restOere < rules.minRestOere) {
    return deny('BELOEP_UNDER_GRENSE', { minsteAvdragOere: rules.minInstalmentOere });
  }
  if (count > rules.maxInstalments) return deny('FOR_MANGE_AVDRAG', countHint);
  const amounts = splitWholeKroner(invoice.restOere, count);
  if (Math.min(...amounts) < rules.minInstalmentOere) {
    return deny('AVDRAG_FOR_LITE', { ...countHint, minsteAvdragOere: rules.minInstalmentOere });
  }
  const first = request.foersteForfallsdato ?? invoice.dueDate;
  if (first < today) return deny('DATO_UGYLDIG');
  const dueDates = monthlyDueDates(first, count);
  if (dueDates[dueDates.length - 1]! > addMonths(today, rules.lastDueDateMaxMonths)) {
    return deny('SISTE_FORFALL_FOR_SEN');
  }

  const planId = ctx.newId();
  await tx.query(
    `INSERT INTO instalment_plans
       (plan_id, original_invoice_number, requested_by, instalment_count, total_oere, created_on, foresporsel_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [planId, invoice.invoiceNumber, payer.payerId, count, invoice.restOere, today, request.foresporselId],
  );
  const instalments = instalmentInvoices(invoice, { planId, count, firstDueDate: first, invoiceDate: today });
  for (const item of instalments) await insertInvoice(tx, item);
  await tx.query(
    'UPDATE invoices SET replaced_by_plan = $2, next_reminder_date = NULL WHERE invoice_number = $1',
    [invoice.invoiceNumber, planId],
  );
  const replaced = { ...invoice, replacedByPlan: planId };
  await queueInnsynUpdate(tx, innsynRecordOf(replaced), ctx.now, request.foresporselId);
  for (const item of instalments) {
    await queueInnsynUpdate(tx, innsynRecordOf(item), ctx.now, request.foresporselId);
  }

  const rate = lateInterestRateOn(config.lateInterestRates, invoice.dueDate);
  return {
    reply: {
      meldingType: MESSAGE_TYPE.instalmentResult,
      payload: {
        foresporselId: request.foresporselId,
        utfall: 'INNVILGET',
        nedbetalingsplan: {
          planId,
          opprinneligFaktura: { fakturanummer: invoice.invoiceNumber, kid: invoice.kid },
          totalbeloepOere: invoice.restOere,
          gebyrOere: rules.feeOere,
          renter: {
            renteFraDato: invoice.dueDate,
            grunnlag: 'FORSINKELSESRENTE',
            ...(rate === undefined ? {} : { rentesatsProsent: rate }),
          },
          avdrag: instalments.map((item) => ({
            nummer: item.instalmentNumber,
            fakturanummer: item.invoiceNumber,
            kid: item.kid,
            kontonummer: item.accountNumber,
            forfallsdato: item.dueDate,
            beloepOere: item.amountOere,
          })),
          opprinneligFakturaErstattet: true,
          vilkaar: [
            'Hvert avdrag er en egen faktura med eget fakturanummer og egen KID; opprinnelig faktura skal ikke betales.',
            `Et avdrag som er mer enn ${rules.cancelAfterDaysOverdue} dager forfalt, kansellerer nedbetalingsplanen, og hele restbeløpet forfaller til betaling.`,
            'Forsinkelsesrente kan beregnes av beløp som ikke er betalt ved forfall.',
          ],
        },
        meldingTilInnbygger: `Nedbetalingsplanen er innvilget: ${count} månedlige avdrag, første forfall ${dueDates[0]}.`,
      },
    },
    audit: {
      actor: payer.payerId,
      invoiceNumber: invoice.invoiceNumber,
      outcome: 'INNVILGET',
      details: { planId, antallAvdrag: count, totalbeloepOere: invoice.restOere },
    },
  };
}
