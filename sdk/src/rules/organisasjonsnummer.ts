import { InvalidDigitsError } from './invalid-digits-error.js';
import { weightedMod11 } from './mod11.js';

/** Organisasjonsnummer (Enhetsregisteret): 9 digits, the last a MOD11 check digit (weights 3,2,7,6,5,4,3,2). */
const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** True when `value` is 9 digits with a valid MOD11 check digit. */
export function isValidOrganisasjonsnummer(value: string): boolean {
  if (!/^[0-9]{9}$/.test(value)) return false;
  return weightedMod11(value.slice(0, 8), WEIGHTS) === value.charCodeAt(8) - 48;
}

/** The full organisasjonsnummer for the first 8 digits, or `null` when no check digit exists for them. */
export function completeOrganisasjonsnummer(first8: string): string | null {
  if (!/^[0-9]{8}$/.test(first8))
    throw new InvalidDigitsError('An organisasjonsnummer base', '8 digits', first8.length);
  const check = weightedMod11(first8, WEIGHTS);
  return check === null ? null : first8 + check;
}
