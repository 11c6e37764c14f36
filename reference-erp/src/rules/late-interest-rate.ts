import type { CalendarDate } from '@fiks-faktura/sdk';
import type { LateInterestRate } from '../config/erp-config.js';

/** The late-payment interest rate in force on `date` (the latest entry from on or before it), if any. */
export function lateInterestRateOn(
  rates: readonly LateInterestRate[],
  date: CalendarDate,
): number | undefined {
  let found: number | undefined;
  for (const rate of rates) if (rate.fraDato <= date) found = rate.rentesatsProsent;
  return found;
}
