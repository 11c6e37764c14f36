import type { CalendarDate } from '@fiks-faktura/sdk';
import { createKidMod10, monthlyDueDates, splitWholeKroner } from '@fiks-faktura/sdk';
import type { Invoice } from './invoice.js';

/** The invoice number of instalment `n` of `original`: `<original>-01`, `-02`, … */
export function instalmentInvoiceNumber(original: string, n: number): string {
  return `${original}-${String(n).padStart(2, '0')}`;
}

/**
 * The KID of instalment `n`: the original KID without its check digit, the two-digit instalment
 * number, and a new MOD10 check digit (unique per instalment, traceable to the original).
 */
export function instalmentKid(originalKid: string, n: number): string {
  return createKidMod10(`${originalKid.slice(0, -1)}${String(n).padStart(2, '0')}`);
}

/**
 * The instalment invoices replacing `original` under plan `planId`: `totalOere` (default: its
 * rest; the rest plus the plan's fee when there is one) split in whole kroner (remainder on the
 * first), due monthly from `firstDueDate`, banking-day adjusted.
 */
export function instalmentInvoices(
  original: Invoice,
  plan: {
    planId: string;
    count: number;
    firstDueDate: CalendarDate;
    invoiceDate: CalendarDate;
    totalOere?: number;
  },
): Invoice[] {
  const amounts = splitWholeKroner(plan.totalOere ?? original.restOere, plan.count);
  const dueDates = monthlyDueDates(plan.firstDueDate, plan.count);
  return amounts.map((amount, index) => ({
    ...original,
    invoiceNumber: instalmentInvoiceNumber(original.invoiceNumber, index + 1),
    amountOere: amount,
    restOere: amount,
    invoiceDate: plan.invoiceDate,
    dueDate: dueDates[index]!,
    kid: instalmentKid(original.kid, index + 1),
    status: 'FAKTURERT',
    claimLevel: 'INGEN',
    disputed: false,
    remindersPaused: false,
    nextReminderDate: null,
    replacedByPlan: null,
    planId: plan.planId,
    instalmentNumber: index + 1,
    parentInvoiceNumber: original.invoiceNumber,
  }));
}
