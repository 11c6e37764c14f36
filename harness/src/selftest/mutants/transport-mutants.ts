import type { Mutant } from '../mutant.js';

/** The catalogue's answer deadline (`svarfristMs`), and a margin past it. */
const DEADLINE_MS = 10_000;
const PAST_DEADLINE_MS = DEADLINE_MS + 1_000;

/** A few quick read-only cases, one per protocol: enough for faults that hit every answer. */
export const FEW_CASES = ['avdrag.opprett.F02', 'betalingsutsettelse.opprett.N10', 'kommentar.send.F03'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Timing and correlation faults: when, how often and to what the vendor answers. */
export const TRANSPORT_MUTANTS: readonly Mutant[] = [
  {
    name: 'answers-late',
    description: 'sends every answer one second after the 10 s deadline',
    cases: FEW_CASES,
    create: () => ({
      async answer(answer) {
        await sleep(PAST_DEADLINE_MS);
        return answer.send();
      },
    }),
  },
  {
    name: 'never-answers',
    description: 'acknowledges every request and never answers',
    cases: FEW_CASES,
    create: () => ({ answer: async (answer) => answer.withhold() }),
  },
  {
    name: 'answers-twice',
    description: 'sends every answer twice',
    cases: FEW_CASES,
    create: () => ({
      async answer(answer) {
        await answer.send();
        return answer.send();
      },
    }),
  },
  {
    name: 'wrong-svar-pa-melding',
    description: "answers with a random svarPaMelding instead of the request's meldingId",
    cases: FEW_CASES,
    create: () => ({ answer: (answer) => answer.send({ svarPaMelding: crypto.randomUUID() }) }),
  },
];
