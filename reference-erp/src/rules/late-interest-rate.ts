import type { CalendarDate } from '@fiks-faktura/sdk';
import type { LateInterestRate } from '../config/erp-config.js';
import { ReferenceErpError } from '../errors/reference-erp-error.js';
import { lateInterestTableEnd } from './late-interest-table.js';

/**
 * The late-payment interest rate in force on `date`: the latest entry from on or before it, as long
 * as `date` is inside the table (each entry covers one half-year). Undefined before the first entry
 * and after the table's end: the last rate is never silently reused.
 */
export function lateInterestRateOn(
  rates: readonly LateInterestRate[],
  date: CalendarDate,
): number | undefined {
  const end = lateInterestTableEnd(rates);
  if (end === undefined || date > end) return undefined;
  let found: number | undefined;
  for (const rate of rates) if (rate.fraDato <= date) found = rate.rentesatsProsent;
  return found;
}

/** Thrown for a day the interest table has no rate for: extend the table (`INTEREST_RATE_UNKNOWN`). */
export class InterestRateUnknownError extends ReferenceErpError {
  constructor(date: CalendarDate, rates: readonly LateInterestRate[]) {
    super(
      'INTEREST_RATE_UNKNOWN',
      `The forsinkelsesrente table has no rate for ${date} (it covers ${rates[0]?.fraDato ?? '-'} to ${lateInterestTableEnd(rates) ?? '-'}); add the half-year's rate to lateInterestRates or src/rules/forsinkelsesrente.json.`,
      { details: { date, tableEnd: lateInterestTableEnd(rates) ?? null } },
    );
  }
}

/** Like {@link lateInterestRateOn}, but throws {@link InterestRateUnknownError} outside the table. */
export function requireLateInterestRate(rates: readonly LateInterestRate[], date: CalendarDate): number {
  const rate = lateInterestRateOn(rates, date);
  if (rate === undefined) throw new InterestRateUnknownError(date, rates);
  return rate;
}

/**
 * `renter.rentesatsProsent` of an answer given on `today`: the rate in force that day. Past the
 * table, `lateInterestBeyondTable: 'refuse'` throws {@link InterestRateUnknownError} (the answer
 * becomes `serverfeil`, audited with the code) and `'omitRate'` leaves the optional rate out.
 */
export function answerInterestRate(
  config: { lateInterestRates: readonly LateInterestRate[]; lateInterestBeyondTable: 'refuse' | 'omitRate' },
  today: CalendarDate,
): number | undefined {
  const rate = lateInterestRateOn(config.lateInterestRates, today);
  if (rate === undefined && config.lateInterestBeyondTable === 'refuse')
    throw new InterestRateUnknownError(today, config.lateInterestRates);
  return rate;
}
