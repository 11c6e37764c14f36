import { addMonths, monthlyDueDates, parseCalendarDate, splitWholeKroner } from '@fiks-faktura/sdk';
import { innsynRecordOf, queueInnsynUpdate } from '../ledger/innsyn-outbox.js';
import { insertInvoice } from '../ledger/insert-invoice.js';
import { instalmentInvoices } from '../ledger/instalment-invoices.js';
import { findInvoiceForRequester } from '../ledger/invoice-access.js';
import {
  type ErpRequest,
  type InstalmentRequestType,
  type ReplyTo,
  replyTypeOf,
} from '../protocol/erp-protocols.js';
import { hasOtherOverdueInvoices, invoiceStateDenial } from './common-denials.js';
import type { Decision, DecisionContext } from './decision.js';
import type { DenialCodeOf } from './denial-messages.js';
import { denialPayload } from './denial-reply.js';
import { answerInterestRate } from './late-interest-rate.js';
import { notFoundDecision } from './not-found-decision.js';

type Hints = { maksAntallAvdrag?: number; minsteAvdragOere?: number };

/** True when `items` has as many entries as a plan may have (2..12), typed as the schema's tuple. */
function isPlanLength<A>(
  items: A[],
): items is
  | [A, A]
  | [A, A, A]
  | [A, A, A, A]
  | [A, A, A, A, A]
  | [A, A, A, A, A, A]
  | [A, A, A, A, A, A, A]
  | [A, A, A, A, A, A, A, A]
  | [A, A, A, A, A, A, A, A, A]
  | [A, A, A, A, A, A, A, A, A, A]
  | [A, A, A, A, A, A, A, A, A, A, A]
  | [A, A, A, A, A, A, A, A, A, A, A, A] {
  return items.length >= 2 && items.length <= 12;
}

/**
 * Decides an instalment plan and books it when granted (in `ctx.tx`). Identifier check digits
 * (rule 1) were checked before, by the ERP, for every protocol.
 *
 * Checks, in the order of `protocols/fixtures/README.md` ("Rule order") as it applies to plans:
 * 1. not the requester's invoice, or not sent to them → `ikkefunnet`;
 * 2. product type: FAKTURATYPE_IKKE_STOETTET;
 * 3. the invoice's own state: FAKTURA_BETALT, FAKTURA_KREDITERT, SENDT_INKASSO,
 *    INKASSOVARSEL_SENDT, FAKTURA_FORFALT, ALLEREDE_UTSATT (a deferred invoice is not split),
 *    HAR_NEDBETALINGSPLAN;
 * 4. payer-level: ANDRE_FORFALTE_KRAV;
 * 5. the amount: BELOEP_UNDER_GRENSE, rest below `minRestOere` (hint `minsteAvdragOere`);
 * 6. the count: FOR_MANGE_AVDRAG, more than `maxInstalments` (hint `maksAntallAvdrag`), then
 *    AVDRAG_FOR_LITE, an instalment below `minInstalmentOere` (hints `maksAntallAvdrag`,
 *    `minsteAvdragOere`);
 * 7. the dates: DATO_UGYLDIG, `foersteForfallsdato` in the past; then SISTE_FORFALL_FOR_SEN, the
 *    last due date more than `lastDueDateMaxMonths` after today.
 * Granted: the rest plus the plan's fee (`totalbeloepOere`) is split in whole kroner (remainder on
 * the first), due monthly on the same day from `foersteForfallsdato` (default: the invoice's due
 * date), each moved to a banking day; each instalment becomes a new invoice (`<original>-01…`,
 * new MOD10 KID); the original is marked replaced; the rate is the one in force on the day of the
 * answer; Innsyn gets `kanBetales: false` for the original and one record per instalment.
 */
export async function decideInstalments(
  request: ErpRequest<InstalmentRequestType>,
  ctx: DecisionContext,
): Promise<Decision<ReplyTo<InstalmentRequestType>>> {
  const { tx, config, today } = ctx;
  const rules = config.instalments;
  const { payload } = request;
  const access = await findInvoiceForRequester(tx, payload.innbygger, payload.faktura);
  if (!access) return notFoundDecision(ctx, request.meldingType, payload.faktura);
  const { payer, invoice } = access;

  const deny = async (
    code: DenialCodeOf<InstalmentRequestType>,
    hints: Hints = {},
  ): Promise<Decision<ReplyTo<InstalmentRequestType>>> => ({
    reply: {
      meldingType: replyTypeOf(request.meldingType, 'resultat'),
      payload: await denialPayload(ctx, request.meldingType, payload.foresporselId, invoice, code, hints),
    },
    audit: { actor: payer.payerId, invoiceNumber: invoice.invoiceNumber, outcome: `AVSLAATT:${code}` },
  });
  const count = payload.antallAvdrag;
  const totalOere = invoice.restOere + rules.feeOere;
  const affordable = Math.min(rules.maxInstalments, Math.floor(totalOere / rules.minInstalmentOere));
  const countHint = affordable >= 2 ? { maksAntallAvdrag: affordable } : {};

  if (rules.unsupportedProductTypes.includes(invoice.productType)) return deny('FAKTURATYPE_IKKE_STOETTET');
  const stateDenial = await invoiceStateDenial(tx, invoice, today);
  if (stateDenial) return deny(stateDenial);
  if (await hasOtherOverdueInvoices(tx, payer.payerId, invoice.invoiceNumber, today)) {
    return deny('ANDRE_FORFALTE_KRAV');
  }
  if (invoice.restOere < rules.minRestOere) {
    return deny('BELOEP_UNDER_GRENSE', { minsteAvdragOere: rules.minInstalmentOere });
  }
  if (count > rules.maxInstalments) return deny('FOR_MANGE_AVDRAG', countHint);
  const amounts = splitWholeKroner(totalOere, count);
  if (Math.min(...amounts) < rules.minInstalmentOere) {
    return deny('AVDRAG_FOR_LITE', { ...countHint, minsteAvdragOere: rules.minInstalmentOere });
  }
  const first =
    payload.foersteForfallsdato === undefined
      ? invoice.dueDate
      : parseCalendarDate(payload.foersteForfallsdato);
  if (first < today) return deny('DATO_UGYLDIG');
  const dueDates = monthlyDueDates(first, count);
  if (dueDates[dueDates.length - 1]! > addMonths(today, rules.lastDueDateMaxMonths)) {
    return deny('SISTE_FORFALL_FOR_SEN');
  }

  const rate = answerInterestRate(config, today);
  const planId = ctx.newId();
  await tx.query(
    `INSERT INTO instalment_plans
       (plan_id, original_invoice_number, requested_by, instalment_count, total_oere, created_on, foresporsel_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [planId, invoice.invoiceNumber, payer.payerId, count, totalOere, today, payload.foresporselId],
  );
  const instalments = instalmentInvoices(invoice, {
    planId,
    count,
    firstDueDate: first,
    invoiceDate: today,
    totalOere,
  });
  for (const item of instalments) await insertInvoice(tx, item);
  await tx.query(
    'UPDATE invoices SET replaced_by_plan = $2, next_reminder_date = NULL WHERE invoice_number = $1',
    [invoice.invoiceNumber, planId],
  );
  const replaced = { ...invoice, replacedByPlan: planId };
  await queueInnsynUpdate(tx, innsynRecordOf(replaced), ctx.now, payload.foresporselId);
  for (const item of instalments) {
    await queueInnsynUpdate(tx, innsynRecordOf(item), ctx.now, payload.foresporselId);
  }

  const avdrag = instalments.map((item) => ({
    nummer: item.instalmentNumber ?? 0,
    fakturanummer: item.invoiceNumber,
    kid: item.kid,
    kontonummer: item.accountNumber,
    forfallsdato: item.dueDate,
    beloepOere: item.amountOere,
  }));
  if (!isPlanLength(avdrag)) throw new RangeError(`A plan has 2..12 instalments, not ${avdrag.length}`);
  return {
    reply: {
      meldingType: replyTypeOf(request.meldingType, 'resultat'),
      payload: {
        foresporselId: payload.foresporselId,
        utfall: 'INNVILGET',
        nedbetalingsplan: {
          planId,
          opprinneligFaktura: { fakturanummer: invoice.invoiceNumber, kid: invoice.kid },
          totalbeloepOere: totalOere,
          gebyrOere: rules.feeOere,
          renter: {
            renteFraDato: invoice.dueDate,
            grunnlag: 'FORSINKELSESRENTE',
            ...(rate === undefined ? {} : { rentesatsProsent: rate }),
          },
          avdrag,
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
      details: { planId, antallAvdrag: count, totalbeloepOere: totalOere, rentesatsProsent: rate ?? null },
    },
  };
}
