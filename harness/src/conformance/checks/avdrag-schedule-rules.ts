import {
  addDays,
  type CalendarDate,
  isBankingDay,
  isCalendarDate,
  monthlyDueDates,
  nextBankingDay,
  parseCalendarDate,
  toEpochDay,
} from '@fiks-faktura/sdk';
import type { CheckResult } from '../model/check-result.js';
import { AVDRAG_RULE_5, grantedPlan } from './avdrag-granted-plan.js';
import type { CheckDefinition, StepUnderJudgement } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';
import { field, shown } from './vendor-answer.js';

/** The first day the calendar knows (0001-01-01). */
const FIRST_EPOCH_DAY = toEpochDay(parseCalendarDate('0001-01-01'));

/** As many instalments as asked for. */
export const AVDRAG_COUNT: CheckDefinition = {
  id: 'rules.avdrag.count',
  severity: 'failure',
  spec: AVDRAG_RULE_5,
  title: "A granted plan has the request's antallAvdrag instalments",
};

/** Instalments numbered 1..n in order. */
export const AVDRAG_NUMMER: CheckDefinition = {
  id: 'rules.avdrag.nummer',
  severity: 'failure',
  spec: AVDRAG_RULE_5,
  title: 'A granted plan numbers its instalments 1..n without gaps, in array order',
};

/** Due dates: ascending banking days, monthly on the first's day of the month. */
export const AVDRAG_FORFALLSDATOER: CheckDefinition = {
  id: 'rules.avdrag.forfallsdato',
  severity: 'failure',
  spec: AVDRAG_RULE_5,
  title:
    'Instalment due dates are strictly ascending banking days, monthly on the same day of the month as the first, moved forward to a banking day',
};

/** Rule 5: the count is the request's `antallAvdrag`. */
export function avdragCountCheck(judged: StepUnderJudgement): CheckResult[] {
  const granted = grantedPlan(judged);
  if (granted === undefined) return [];
  const outcome = outcomeOf(AVDRAG_COUNT, judged);
  const asked = field(granted.request, 'antallAvdrag');
  if (typeof asked !== 'number') return [outcome.skip('the request gave no antallAvdrag to compare with.')];
  const count = granted.instalments.length;
  return count === asked
    ? [outcome.pass(`${count} instalments, as requested.`)]
    : [outcome.fail(`the plan has ${count} instalments; the request asked for ${asked} (antallAvdrag).`)];
}

/** Rule 5: `nummer` runs 1..n. */
export function avdragNummerCheck(judged: StepUnderJudgement): CheckResult[] {
  const granted = grantedPlan(judged);
  if (granted === undefined) return [];
  const outcome = outcomeOf(AVDRAG_NUMMER, judged);
  const wrong = granted.instalments
    .map((a, i) => ({ at: i, nummer: field(a, 'nummer') }))
    .filter(({ at, nummer }) => nummer !== at + 1);
  return wrong.length === 0
    ? [outcome.pass(`instalments numbered 1..${granted.instalments.length} in order.`)]
    : [
        outcome.fail(
          `nummer must run 1..n in array order: ${wrong
            .map(({ at, nummer }) => `avdrag[${at}].nummer is ${shown(nummer)}, expected ${at + 1}`)
            .join('; ')}.`,
        ),
      ];
}

/** The day the monthly series is counted from: a date that moves forward to `first` and yields `dates`. */
function seriesBase(
  first: CalendarDate,
  dates: readonly CalendarDate[],
  preferred: unknown,
): CalendarDate | undefined {
  const candidates: CalendarDate[] = [];
  if (isCalendarDate(preferred)) candidates.push(preferred);
  for (let back = 0; back <= 7 && toEpochDay(first) - back > FIRST_EPOCH_DAY; back++)
    candidates.push(addDays(first, -back));
  return candidates.find((base) => {
    if (nextBankingDay(base) !== first) return false;
    const expected = monthlyDueDates(base, dates.length);
    return expected.every((d, i) => d === dates[i]);
  });
}

/** Rule 5: the due dates. */
export function avdragForfallsdatoCheck(judged: StepUnderJudgement): CheckResult[] {
  const granted = grantedPlan(judged);
  if (granted === undefined || granted.instalments.length === 0) return [];
  const outcome = outcomeOf(AVDRAG_FORFALLSDATOER, judged);
  const raw = granted.instalments.map((a) => field(a, 'forfallsdato'));
  const notDates = raw.map((d, i) => ({ d, i })).filter(({ d }) => !isCalendarDate(d));
  if (notDates.length > 0)
    return [
      outcome.fail(
        `not a date: ${notDates.map(({ d, i }) => `avdrag[${i}].forfallsdato = ${shown(d)}`).join(', ')}.`,
      ),
    ];
  const dates = raw as CalendarDate[];
  const problems: string[] = [];
  dates.forEach((d, i) => {
    if (i > 0 && d <= dates[i - 1]!) problems.push(`avdrag[${i}] falls due ${d}, not after ${dates[i - 1]}`);
    if (!isBankingDay(d)) problems.push(`avdrag[${i}] falls due ${d}, not a banking day`);
  });
  const first = dates[0]!;
  const preferred = field(granted.request, 'foersteForfallsdato');
  if (problems.length === 0 && seriesBase(first, dates, preferred) === undefined) {
    const base = isCalendarDate(preferred) && nextBankingDay(preferred) === first ? preferred : first;
    problems.push(
      `the dates are not monthly on the same day of the month as the first, moved forward to a banking day: counted from ${base} they would be ${monthlyDueDates(base, dates.length).join(', ')}`,
    );
  }
  return problems.length === 0
    ? [outcome.pass(`due dates ${dates.join(', ')}: monthly banking days.`)]
    : [outcome.fail(`due dates ${dates.join(', ')}: ${problems.join('; ')}.`)];
}
