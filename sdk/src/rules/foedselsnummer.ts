import { type CalendarDate, calendarDate, daysInMonth } from './calendar-date.js';
import { InvalidDigitsError } from './invalid-digits-error.js';
import { weightedMod11 } from './mod11.js';

/**
 * Norwegian national identity numbers, 11 digits DDMMYY III K1 K2:
 * - fødselsnummer ('F'): birth date, individnummer III, two MOD11 check digits;
 * - D-nummer ('D'): as F with 4 added to the first digit (day + 40);
 * - synthetic test identities: 40 added to the month (NAV's test numbers, as H-numbers do) or 80
 *   (Skatteetaten's Tenor test data). These can combine with D-numbers (day + 40 and month + 80).
 * The century follows from the individnummer: 000–499 → 1900–1999; 500–749 with year 54–99 →
 * 1854–1899; 500–999 with year 00–39 → 2000–2039; 900–999 with year 40–99 → 1940–1999. Any other
 * combination is not assignable and is invalid. (Numbers issued from 2032 under the new scheme,
 * without fixed check digits, are not covered.)
 */
export interface FoedselsnummerInfo {
  /** 'F' for a fødselsnummer, 'D' for a D-nummer. */
  kind: 'F' | 'D';
  /** True for a synthetic test identity (month + 40 or month + 80). */
  synthetic: boolean;
  /** The birth date the number encodes. */
  birthDate: CalendarDate;
}

const K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

function century(twoDigitYear: number, individnummer: number): number | null {
  if (individnummer <= 499) return 1900;
  if (individnummer <= 749 && twoDigitYear >= 54) return 1800;
  if (twoDigitYear <= 39) return 2000;
  if (individnummer >= 900) return 1900;
  return null;
}

/** The kind, synthetic flag and birth date of `value`, or `null` when it is not a valid number. */
export function parseFoedselsnummer(value: string): FoedselsnummerInfo | null {
  if (!/^[0-9]{11}$/.test(value)) return null;
  if (weightedMod11(value.slice(0, 9), K1_WEIGHTS) !== value.charCodeAt(9) - 48) return null;
  if (weightedMod11(value.slice(0, 10), K2_WEIGHTS) !== value.charCodeAt(10) - 48) return null;
  let day = Number(value.slice(0, 2));
  let month = Number(value.slice(2, 4));
  const twoDigitYear = Number(value.slice(4, 6));
  const kind = day > 40 ? 'D' : 'F';
  if (kind === 'D') day -= 40;
  const synthetic = month > 40;
  if (month > 80) month -= 80;
  else if (month > 40) month -= 40;
  const base = century(twoDigitYear, Number(value.slice(6, 9)));
  if (base === null || month < 1 || month > 12) return null;
  const year = base + twoDigitYear;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { kind, synthetic, birthDate: calendarDate(year, month, day) };
}

/** True when `value` is a valid fødselsnummer or D-nummer (synthetic test numbers included). */
export function isValidFoedselsnummer(value: string): boolean {
  return parseFoedselsnummer(value) !== null;
}

/**
 * The full number for its first 9 digits (DDMMYY + individnummer, with any D/synthetic offsets
 * already applied), or `null` when no pair of check digits exists for them or the result is not a
 * valid number.
 */
export function completeFoedselsnummer(first9: string): string | null {
  if (!/^[0-9]{9}$/.test(first9))
    throw new InvalidDigitsError('A fødselsnummer base', '9 digits', first9.length);
  const k1 = weightedMod11(first9, K1_WEIGHTS);
  if (k1 === null) return null;
  const k2 = weightedMod11(first9 + k1, K2_WEIGHTS);
  if (k2 === null) return null;
  const full = `${first9}${k1}${k2}`;
  return isValidFoedselsnummer(full) ? full : null;
}
