import {
  type BetalingsutsettelseV1OpprettResultatPayload,
  isCalendarDate,
  type ReplyType,
} from '@fiks-faktura/sdk';
import type { CheckResult } from '../model/check-result.js';
import type { CheckDefinition, StepUnderJudgement } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';
import { decidedAnswer } from './granted-answer.js';
import { fieldAt, shown } from './vendor-answer.js';

const RESULTAT: ReplyType = 'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett.resultat';
const DENIED: BetalingsutsettelseV1OpprettResultatPayload['utfall'] = 'AVSLAATT';
const DATO_FOR_SEN: NonNullable<BetalingsutsettelseV1OpprettResultatPayload['aarsak']>['kodeverdi'] =
  'DATO_FOR_SEN';

/** A denial because the date is too late says which date would do. */
export const DATO_FOR_SEN_GRENSE: CheckDefinition = {
  id: 'rules.betalingsutsettelse.dato-for-sen',
  severity: 'failure',
  spec: 'no.ks.fiks.faktura.betalingsutsettelse/v1/README.md#rule-6',
  title: 'A denial with DATO_FOR_SEN carries senesteTillatteForfallsdato',
};

/** Rule 6. */
export function datoForSenCheck(judged: StepUnderJudgement): CheckResult[] {
  const answer = decidedAnswer(judged, RESULTAT);
  if (answer?.utfall !== DENIED || fieldAt(answer.payload, 'aarsak', 'kodeverdi') !== DATO_FOR_SEN) return [];
  const outcome = outcomeOf(DATO_FOR_SEN_GRENSE, judged);
  const seneste = fieldAt(answer.payload, 'senesteTillatteForfallsdato');
  return isCalendarDate(seneste)
    ? [outcome.pass(`the DATO_FOR_SEN denial gives senesteTillatteForfallsdato ${seneste}.`)]
    : [
        outcome.fail(
          `the DATO_FOR_SEN denial gives senesteTillatteForfallsdato ${shown(seneste)}; it must name the latest date allowed.`,
        ),
      ];
}
