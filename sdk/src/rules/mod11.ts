/**
 * Weighted modulus-11 check digits, the family shared by fødselsnummer, organisasjonsnummer,
 * kontonummer and KID MOD11: multiply each digit by its weight, sum, and the check digit is
 * `11 - sum % 11`, where 11 becomes 0 and 10 means no valid check digit exists.
 */

/** The standard weights 2, 3, 4, 5, 6, 7, 2, 3, … counted from the rightmost digit, left-aligned. */
export function standardMod11Weights(length: number): number[] {
  return Array.from({ length }, (_, i) => 2 + ((length - 1 - i) % 6));
}

/**
 * The check digit (0..9) of `digits` under `weights` (same length, aligned left), or `null` when
 * the remainder is 1, i.e. the check digit would be 10 and the number cannot be completed.
 */
export function weightedMod11(digits: string, weights: readonly number[]): number | null {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += (digits.charCodeAt(i) - 48) * (weights[i] ?? 0);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? null : check;
}
