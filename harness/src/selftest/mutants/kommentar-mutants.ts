import { readFixtureLedger } from '@fiks-faktura/reference-erp';
import { addDays, isCalendarDate } from '@fiks-faktura/sdk';
import type { Mutant } from '../mutant.js';
import { objectAt } from './json-edit.js';

/** Faults of a comment's receipt (the kommentar protocol's rule 6: routing). */
export const KOMMENTAR_MUTANTS: readonly Mutant[] = [
  {
    name: 'routed-to-wrong-unit',
    description: "routes every comment to the next unit of the ledger instead of the invoice's",
    cases: ['kommentar.send.N0[1-4]'],
    create: () => {
      const units = readFixtureLedger().enheter;
      return {
        answer(answer) {
          const rutetTil = objectAt(answer.payload, 'rutetTil');
          const at = units.findIndex((u) => u.enhetId === rutetTil?.enhetId);
          if (rutetTil === undefined || at < 0) return answer.send();
          const other = units[(at + 1) % units.length]!;
          rutetTil.enhetId = other.enhetId;
          rutetTil.enhetNavn = other.enhetNavn;
          return answer.send({ payload: answer.payload });
        },
      };
    },
  },
  {
    name: 'answer-promised-before-receipt',
    description: 'promises an answer (forventetSvarInnen) the day before the comment was received',
    cases: ['kommentar.send.N01'],
    create: () => ({
      answer(answer) {
        const received = String(answer.payload.mottattTidspunkt ?? '').slice(0, 10);
        if (!isCalendarDate(received)) return answer.send();
        return answer.send({ payload: { ...answer.payload, forventetSvarInnen: addDays(received, -1) } });
      },
    }),
  },
];
