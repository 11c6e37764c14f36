import { InvalidRuleArgumentError } from './invalid-rule-argument-error.js';

/**
 * Money is integer øre everywhere in the protocols; kroner appear only in text for people and in
 * Innsyn's kroner field. Nothing here does arithmetic on fractional numbers.
 */

/** True when `value` is a whole, non-negative, safe number of øre. */
export function isOere(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Throws InvalidRuleArgumentError unless `value` is a whole, non-negative number of øre. */
export function assertOere(value: unknown, argument = 'An amount in øre'): asserts value is number {
  if (!isOere(value))
    throw new InvalidRuleArgumentError(argument, 'a whole, non-negative number of øre', value);
}

/** The amount as a decimal kroner string with two decimals and a point: 345678 → '3456.78'. */
export function oereToKronerString(oere: number): string {
  assertOere(oere);
  return `${Math.floor(oere / 100)}.${String(oere % 100).padStart(2, '0')}`;
}

/** The amount for people, Norwegian style: 345678 → '3 456,78 kr' (space as thousands separator). */
export function formatKroner(oere: number): string {
  assertOere(oere);
  const kroner = String(Math.floor(oere / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${kroner},${String(oere % 100).padStart(2, '0')} kr`;
}

/**
 * Øre from a kroner text: digits with optional space thousands separators and an optional decimal
 * comma or point with one or two decimals ('3456', '3 456,78', '3456.5'); `null` for anything else.
 */
export function parseKronerToOere(text: string): number | null {
  const m = /^([0-9]{1,3}(?: [0-9]{3})+|[0-9]+)(?:[,.]([0-9]{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const kroner = Number(m[1]!.replaceAll(' ', ''));
  const oere = kroner * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  return Number.isSafeInteger(oere) ? oere : null;
}
