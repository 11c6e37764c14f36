import { addDays, type CalendarDate, daysBetween } from '@fiks-faktura/sdk';
import type { LateInterestRate } from '../config/erp-config.js';
import { requireLateInterestRate } from './late-interest-rate.js';

/**
 * Forsinkelsesrente in øre on `amountOere` for the whole days from `from` (the due date; no
 * interest for it) up to and including `to` (the day of payment), actual/365: each day accrues
 * `amount × rate / 100 / 365` at the rate in force that day, so a range that crosses a half-year
 * uses both rates. Summed exactly, rounded once to whole øre (half up). Zero when `to` is not after
 * `from`. Throws `INTEREST_RATE_UNKNOWN` when a day of the range is outside the table.
 */
export function lateInterestOere(
  amountOere: number,
  from: CalendarDate,
  to: CalendarDate,
  rates: readonly LateInterestRate[],
): number {
  const days = daysBetween(from, to);
  if (days <= 0 || amountOere <= 0) return 0;
  // Sum rate × days per stretch of equal rate, in hundredths of a percent to stay in integers.
  // The table has no gaps between its first day and its end, so checking both ends suffices.
  requireLateInterestRate(rates, to);
  let rateDays = 0;
  let day = addDays(from, 1);
  const last = to;
  while (day <= last) {
    const rate = requireLateInterestRate(rates, day);
    const next = rates.find((r) => r.fraDato > day)?.fraDato;
    const stretchEnd = next !== undefined && next <= last ? addDays(next, -1) : last;
    const stretch = daysBetween(day, stretchEnd) + 1;
    rateDays += Math.round(rate * 100) * stretch;
    day = addDays(stretchEnd, 1);
  }
  // amount × (rate/100 %) × days / 365 / 100 → øre; BigInt keeps it exact for any ledger amount.
  const numerator = BigInt(amountOere) * BigInt(rateDays);
  const denominator = 365n * 100n * 100n;
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}
