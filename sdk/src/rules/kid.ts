import { InvalidDigitsError } from './invalid-digits-error.js';
import { standardMod11Weights, weightedMod11 } from './mod11.js';

/**
 * KID (kundeidentifikasjon), the payment reference on Norwegian invoices: 2..25 characters whose
 * last one is a MOD10 (Luhn) or MOD11 check digit. The invoicing system issues MOD10 KIDs only
 * (a MOD11 KID may end in '-', which Innsyn's digits-only `kid` pattern rejects).
 */

const BASE = /^[0-9]{1,24}$/;

function requireBase(digits: string): void {
  if (!BASE.test(digits)) throw new InvalidDigitsError('A KID base', '1 to 24 digits', digits.length);
}

/** The MOD10 (Luhn) check digit of `digits`: weights 2, 1, 2, … from the right, digit sums added. */
export function mod10CheckDigit(digits: string): string {
  requireBase(digits);
  let sum = 0;
  for (let i = digits.length - 1, weight = 2; i >= 0; i--, weight = 3 - weight) {
    const product = (digits.charCodeAt(i) - 48) * weight;
    sum += product > 9 ? product - 9 : product;
  }
  return String((10 - (sum % 10)) % 10);
}

/** The KID MOD11 check digit of `digits` (weights 2..7 from the right); '-' when it would be 10. */
export function mod11CheckDigit(digits: string): string {
  requireBase(digits);
  const check = weightedMod11(digits, standardMod11Weights(digits.length));
  return check === null ? '-' : String(check);
}

/** True when `kid` is 2..25 digits and its last digit is the MOD10 check digit of the rest. */
export function isValidKidMod10(kid: string): boolean {
  return /^[0-9]{2,25}$/.test(kid) && mod10CheckDigit(kid.slice(0, -1)) === kid.slice(-1);
}

/** True when `kid` is 2..25 characters, digits with a final MOD11 check character (digit or '-'). */
export function isValidKidMod11(kid: string): boolean {
  return /^[0-9]{1,24}[0-9-]$/.test(kid) && mod11CheckDigit(kid.slice(0, -1)) === kid.slice(-1);
}

/** A MOD10 KID: `base` (1..24 digits) followed by its check digit. */
export function createKidMod10(base: string): string {
  return base + mod10CheckDigit(base);
}
