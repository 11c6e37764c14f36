import { addMonths, type CalendarDate, isCalendarDate } from './calendar-date.js';
import { InvalidRuleArgumentError } from './invalid-rule-argument-error.js';
import { isValidKidMod10 } from './kid.js';
import { assertOere } from './money.js';
import { type BankingCalendarOptions, nextBankingDay } from './norwegian-holidays.js';

/**
 * The instalment (avdrag) rules: how the reference ERP splits an amount and dates the instalments,
 * and the normative checks every returned plan must pass.
 */

/**
 * `totalOere` split into `count` instalments of whole kroner; the kroner remainder and the øre
 * remainder go on the first: 345 678 in 4 → [86 478, 86 400, 86 400, 86 400].
 */
export function splitWholeKroner(totalOere: number, count: number): number[] {
  assertOere(totalOere, 'The total');
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new InvalidRuleArgumentError('The instalment count', 'a whole number ≥ 1', count);
  }
  const kroner = Math.floor(totalOere / 100);
  const each = Math.floor(kroner / count) * 100;
  const first = totalOere - each * (count - 1);
  return [first, ...Array.from({ length: count - 1 }, () => each)];
}

/**
 * `count` monthly due dates: the same day of the month as `first` (clamped to the last day of
 * shorter months, always counted from `first` so 31 January gives 28/29 February and 31 March),
 * each moved to the next banking day.
 */
export function monthlyDueDates(
  first: CalendarDate,
  count: number,
  options: BankingCalendarOptions = {},
): CalendarDate[] {
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new InvalidRuleArgumentError('The instalment count', 'a whole number ≥ 1', count);
  }
  return Array.from({ length: count }, (_, i) => nextBankingDay(addMonths(first, i), options));
}

/** The parts of a returned instalment plan (avdrag v1 `nedbetalingsplan`) the normative rules check. */
export interface InstalmentPlanToCheck {
  totalbeloepOere: unknown;
  avdrag: ReadonlyArray<{ nummer: unknown; kid: unknown; forfallsdato: unknown; beloepOere: unknown }>;
}

/** The stable names of the normative instalment-plan rules. */
export type InstalmentPlanRule =
  | 'SUM_MATCHES_TOTAL'
  | 'NUMBERS_CONSECUTIVE'
  | 'DUE_DATES_ASCENDING'
  | 'KID_MOD10_VALID'
  | 'KID_UNIQUE'
  | 'COUNT_MATCHES_REQUEST';

/** One broken rule, with a message naming the offending instalment. */
export interface InstalmentPlanViolation {
  rule: InstalmentPlanRule;
  message: string;
}

/**
 * The normative rules a returned plan breaks (empty when it passes): amounts are whole øre and
 * sum to `totalbeloepOere`; `nummer` runs 1..n without gaps; due dates are valid and strictly
 * ascending; every KID is MOD10-valid and unique; the count equals the requested `antallAvdrag`.
 */
export function checkInstalmentPlan(
  plan: InstalmentPlanToCheck,
  request: { antallAvdrag: number },
): InstalmentPlanViolation[] {
  const violations: InstalmentPlanViolation[] = [];
  const add = (rule: InstalmentPlanRule, message: string) => violations.push({ rule, message });
  const { avdrag } = plan;

  if (avdrag.length !== request.antallAvdrag) {
    add(
      'COUNT_MATCHES_REQUEST',
      `The plan has ${avdrag.length} instalments; ${request.antallAvdrag} were requested.`,
    );
  }

  const amounts = avdrag.map((a) => a.beloepOere);
  const badAmount = amounts.findIndex((a) => typeof a !== 'number' || !Number.isSafeInteger(a) || a < 0);
  if (badAmount >= 0) {
    add(
      'SUM_MATCHES_TOTAL',
      `Instalment ${badAmount + 1} has beloepOere ${String(amounts[badAmount])}, not whole øre.`,
    );
  } else {
    const sum = (amounts as number[]).reduce((s, a) => s + a, 0);
    if (sum !== plan.totalbeloepOere) {
      add(
        'SUM_MATCHES_TOTAL',
        `The instalments sum to ${sum} øre; totalbeloepOere is ${String(plan.totalbeloepOere)}.`,
      );
    }
  }

  avdrag.forEach((a, i) => {
    if (a.nummer !== i + 1) {
      add(
        'NUMBERS_CONSECUTIVE',
        `Instalment ${i + 1} in order has nummer ${String(a.nummer)}; expected ${i + 1}.`,
      );
    }
  });

  let previous: string | undefined;
  avdrag.forEach((a, i) => {
    if (!isCalendarDate(a.forfallsdato)) {
      add(
        'DUE_DATES_ASCENDING',
        `Instalment ${i + 1} has forfallsdato ${String(a.forfallsdato)}, not a date.`,
      );
      previous = undefined;
      return;
    }
    if (previous !== undefined && a.forfallsdato <= previous) {
      add('DUE_DATES_ASCENDING', `Instalment ${i + 1} is due ${a.forfallsdato}, not after ${previous}.`);
    }
    previous = a.forfallsdato;
  });

  const seen = new Map<string, number>();
  avdrag.forEach((a, i) => {
    if (typeof a.kid !== 'string' || !isValidKidMod10(a.kid)) {
      add('KID_MOD10_VALID', `Instalment ${i + 1} has KID ${String(a.kid)}, not a valid MOD10 KID.`);
      return;
    }
    const first = seen.get(a.kid);
    if (first !== undefined) add('KID_UNIQUE', `Instalment ${i + 1} repeats the KID of instalment ${first}.`);
    else seen.set(a.kid, i + 1);
  });

  return violations;
}
