import { addDays, type CalendarDate, dayOfWeek, isCalendarDate } from '@fiks-faktura/sdk';
import type { Mutant } from '../mutant.js';
import { objectAt } from './json-edit.js';

/** The Saturday on or after `date`. */
function saturdayFrom(date: CalendarDate): CalendarDate {
  return addDays(date, (6 - dayOfWeek(date) + 7) % 7);
}

/** Faults of a deferral's answer (the betalingsutsettelse protocol's rules 5 and 6). */
export const BETALINGSUTSETTELSE_MUTANTS: readonly Mutant[] = [
  {
    name: 'deferral-to-non-banking-day',
    description: 'grants the deferral to the Saturday on or after the right banking day',
    cases: ['betalingsutsettelse.opprett.N0[1-4]'],
    create: () => ({
      answer(answer) {
        const { nyForfallsdato } = answer.payload;
        if (answer.payload.utfall !== 'INNVILGET' || !isCalendarDate(nyForfallsdato)) return answer.send();
        const saturday = saturdayFrom(nyForfallsdato);
        const faktura = objectAt(answer.payload, 'faktura');
        if (faktura !== undefined) faktura.forfallsdato = saturday;
        return answer.send({ payload: { ...answer.payload, nyForfallsdato: saturday } });
      },
    }),
  },
  {
    name: 'avtalegiro-not-changed-in-bank',
    description: 'tells an AvtaleGiro payer the bank need not be told (maaEndresIBank false)',
    cases: ['betalingsutsettelse.opprett.N03'],
    create: () => ({
      answer(answer) {
        const kanal = objectAt(answer.payload, 'betalingskanal');
        if (kanal?.kanal !== 'AVTALEGIRO') return answer.send();
        kanal.maaEndresIBank = false;
        return answer.send({ payload: answer.payload });
      },
    }),
  },
  {
    name: 'dato-for-sen-without-limit',
    description: 'denies DATO_FOR_SEN without senesteTillatteForfallsdato',
    cases: ['betalingsutsettelse.opprett.N22'],
    create: () => ({
      answer(answer) {
        const { senesteTillatteForfallsdato: _dropped, ...payload } = answer.payload;
        return answer.send({ payload });
      },
    }),
  },
  {
    name: 'interest-from-new-due-date',
    description: 'lets interest run from the new due date instead of the original one',
    cases: ['betalingsutsettelse.opprett.N01'],
    create: () => ({
      answer(answer) {
        const renter = objectAt(answer.payload, 'renter');
        if (renter === undefined || answer.payload.nyForfallsdato === undefined) return answer.send();
        renter.renteFraDato = answer.payload.nyForfallsdato;
        return answer.send({ payload: answer.payload });
      },
    }),
  },
];
