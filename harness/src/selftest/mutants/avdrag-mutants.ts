import {
  addDays,
  type CalendarDate,
  dateParts,
  isCalendarDate,
  norwegianPublicHolidays,
} from '@fiks-faktura/sdk';
import type { JsonPayload, Mutant, MutantAnswer } from '../mutant.js';
import { objectAt, objectsAt } from './json-edit.js';

/** The granted instalment plans of the suite. */
const GRANTED_PLANS = ['avdrag.opprett.N0*'];

/** Changes the instalments of a granted plan in place (a copy of the answer); other answers go out unchanged. */
function withInstalments(answer: MutantAnswer, change: (instalments: JsonPayload[]) => void) {
  const instalments = objectsAt(objectAt(answer.payload, 'nedbetalingsplan'), 'avdrag');
  if (instalments === undefined || instalments.length < 2) return answer.send();
  change(instalments);
  return answer.send({ payload: answer.payload });
}

/** The first public holiday after `date` (the year's or the next year's). */
function holidayAfter(date: CalendarDate): CalendarDate {
  const { year } = dateParts(date);
  const days = [...norwegianPublicHolidays(year), ...norwegianPublicHolidays(year + 1)].map((h) => h.date);
  return days.find((d) => d > date)!;
}

/** Faults of a granted instalment plan (the avdrag protocol's rule 5). */
export const AVDRAG_MUTANTS: readonly Mutant[] = [
  {
    name: 'instalment-sum-off-by-one-oere',
    description:
      "takes one øre off the last instalment, so the instalments no longer sum to the plan's total",
    cases: GRANTED_PLANS,
    create: () => ({
      answer: (answer) =>
        withInstalments(answer, (all) => {
          const last = all[all.length - 1]!;
          last.beloepOere = (last.beloepOere as number) - 1;
        }),
    }),
  },
  {
    name: 'kid-wrong-check-digit',
    description: "gives the first instalment's KID a wrong MOD10 check digit",
    cases: GRANTED_PLANS,
    create: () => ({
      answer: (answer) =>
        withInstalments(answer, ([first]) => {
          const kid = String(first!.kid);
          first!.kid = `${kid.slice(0, -1)}${(Number(kid.at(-1)) + 1) % 10}`;
        }),
    }),
  },
  {
    name: 'due-date-on-public-holiday',
    description: 'moves the last instalment to the next public holiday after its due date',
    cases: GRANTED_PLANS,
    create: () => ({
      answer: (answer) =>
        withInstalments(answer, (all) => {
          const last = all[all.length - 1]!;
          if (isCalendarDate(last.forfallsdato)) last.forfallsdato = holidayAfter(last.forfallsdato);
        }),
    }),
  },
  {
    name: 'instalments-not-monthly',
    description: 'spaces the instalments five weeks apart instead of monthly',
    cases: GRANTED_PLANS,
    create: () => ({
      answer: (answer) =>
        withInstalments(answer, (all) => {
          const first = all[0]!.forfallsdato;
          if (!isCalendarDate(first)) return;
          all.forEach((instalment, i) => {
            instalment.forfallsdato = addDays(first, 35 * i);
          });
        }),
    }),
  },
  {
    name: 'instalments-numbered-from-zero',
    description: 'numbers the instalments 0..n-1 instead of 1..n',
    cases: GRANTED_PLANS,
    create: () => ({
      answer: (answer) =>
        withInstalments(answer, (all) => {
          all.forEach((instalment, i) => {
            instalment.nummer = i;
          });
        }),
    }),
  },
  {
    name: 'instalment-missing',
    description: 'grants one instalment fewer than asked for, the last one left out',
    cases: GRANTED_PLANS,
    create: () => ({ answer: (answer) => withInstalments(answer, (all) => void all.pop()) }),
  },
  {
    name: 'instalments-keep-original-fakturanummer',
    description: "gives every instalment the original invoice's fakturanummer",
    cases: GRANTED_PLANS,
    create: () => ({
      answer: (answer) =>
        withInstalments(answer, (all) => {
          const original = objectAt(objectAt(answer.payload, 'nedbetalingsplan'), 'opprinneligFaktura');
          for (const instalment of all) instalment.fakturanummer = original?.fakturanummer;
        }),
    }),
  },
];
