import { InvalidDigitsError } from './invalid-digits-error.js';
import { weightedMod11 } from './mod11.js';

/**
 * Norwegian bank account number: 11 digits (4 bank register, 2 account group, 5 account), the last
 * a MOD11 check digit with weights 5,4,3,2,7,6,5,4,3,2. A remainder of 1 (check digit 10) is never
 * issued, so such numbers are invalid.
 */
const WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/** True when `value` is 11 digits with a valid MOD11 check digit. */
export function isValidKontonummer(value: string): boolean {
  if (!/^[0-9]{11}$/.test(value)) return false;
  return weightedMod11(value.slice(0, 10), WEIGHTS) === value.charCodeAt(10) - 48;
}

/** The full kontonummer for the first 10 digits, or `null` when no check digit exists for them. */
export function completeKontonummer(first10: string): string | null {
  if (!/^[0-9]{10}$/.test(first10))
    throw new InvalidDigitsError('A kontonummer base', '10 digits', first10.length);
  const check = weightedMod11(first10, WEIGHTS);
  return check === null ? null : first10 + check;
}
