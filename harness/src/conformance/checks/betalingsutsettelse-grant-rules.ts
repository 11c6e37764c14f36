import {
  type BetalingsutsettelseV1OpprettResultatPayload,
  isBankingDay,
  isCalendarDate,
  nextBankingDay,
  type ReplyType,
} from '@fiks-faktura/sdk';
import type { CheckResult } from '../model/check-result.js';
import type { CheckDefinition, StepUnderJudgement } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';
import { type DecidedAnswer, decidedAnswer } from './granted-answer.js';
import { fieldAt, shown } from './vendor-answer.js';

const RESULTAT: ReplyType = 'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett.resultat';
const GRANTED: BetalingsutsettelseV1OpprettResultatPayload['utfall'] = 'INNVILGET';
const RULE_5 = 'no.ks.fiks.faktura.betalingsutsettelse/v1/README.md#rule-5';
/** Payment channels where the payer's bank holds the due date and must be told of the new one. */
const BANK_HELD_CHANNELS: readonly NonNullable<
  BetalingsutsettelseV1OpprettResultatPayload['betalingskanal']
>['kanal'][] = ['AVTALEGIRO', 'EFAKTURA'];

/** The new due date: a banking day after the original, not past, the requested one moved to a banking day. */
export const NY_FORFALLSDATO: CheckDefinition = {
  id: 'rules.betalingsutsettelse.ny-forfallsdato',
  severity: 'failure',
  spec: RULE_5,
  title:
    'A granted nyForfallsdato is a banking day, later than opprinneligForfallsdato, not in the past, and the requested date moved forward to the next banking day',
};

/** Interest runs from the original due date. */
export const RENTE_FRA_DATO: CheckDefinition = {
  id: 'rules.betalingsutsettelse.rente-fra-dato',
  severity: 'failure',
  spec: RULE_5,
  title: 'A granted renter.renteFraDato equals opprinneligForfallsdato',
};

/** The invoice snapshot after the deferral. */
export const FAKTURA_ETTER_UTSETTELSE: CheckDefinition = {
  id: 'rules.betalingsutsettelse.faktura',
  severity: 'failure',
  spec: RULE_5,
  title: "A granted faktura.forfallsdato equals nyForfallsdato; fakturanummer and kid are the request's",
};

/** AvtaleGiro and eFaktura payers must change the date in their bank. */
export const MAA_ENDRES_I_BANK: CheckDefinition = {
  id: 'rules.betalingsutsettelse.maa-endres-i-bank',
  severity: 'failure',
  spec: RULE_5,
  title: 'A granted betalingskanal.maaEndresIBank is true for AVTALEGIRO and EFAKTURA',
};

/** The granted answer of a betalingsutsettelse step. */
function granted(judged: StepUnderJudgement): DecidedAnswer | undefined {
  const answer = decidedAnswer(judged, RESULTAT);
  return answer?.utfall === GRANTED ? answer : undefined;
}

/** Rule 5's dates. */
export function nyForfallsdatoCheck(judged: StepUnderJudgement): CheckResult[] {
  const answer = granted(judged);
  if (answer === undefined) return [];
  const outcome = outcomeOf(NY_FORFALLSDATO, judged);
  const ny = fieldAt(answer.payload, 'nyForfallsdato');
  const opprinnelig = fieldAt(answer.payload, 'opprinneligForfallsdato');
  const wanted = fieldAt(answer.request, 'oensketForfallsdato');
  if (!isCalendarDate(ny)) return [outcome.fail(`nyForfallsdato is ${shown(ny)}, not a date.`)];
  const problems: string[] = [];
  if (!isBankingDay(ny)) problems.push(`${ny} is not a Norwegian banking day`);
  if (!isCalendarDate(opprinnelig))
    problems.push(`opprinneligForfallsdato is ${shown(opprinnelig)}, not a date`);
  else if (ny <= opprinnelig) problems.push(`it is not later than opprinneligForfallsdato ${opprinnelig}`);
  if (ny < judged.context.today) problems.push(`it is in the past (today is ${judged.context.today})`);
  if (isCalendarDate(wanted)) {
    const expected = nextBankingDay(wanted);
    if (ny !== expected)
      problems.push(
        `the requested ${wanted} moved forward to a banking day is ${expected}${expected === wanted ? ' (itself)' : ''}`,
      );
  }
  return problems.length === 0
    ? [
        outcome.pass(
          `nyForfallsdato ${ny} is a banking day after ${String(opprinnelig)}, the requested date moved forward as needed.`,
        ),
      ]
    : [outcome.fail(`nyForfallsdato ${ny} breaks rule 5: ${problems.join('; ')}.`)];
}

/** Rule 5: renteFraDato is the original due date. */
export function renteFraDatoCheck(judged: StepUnderJudgement): CheckResult[] {
  const answer = granted(judged);
  if (answer === undefined) return [];
  const outcome = outcomeOf(RENTE_FRA_DATO, judged);
  const fra = fieldAt(answer.payload, 'renter', 'renteFraDato');
  const opprinnelig = fieldAt(answer.payload, 'opprinneligForfallsdato');
  return fra !== undefined && fra === opprinnelig
    ? [outcome.pass(`renter.renteFraDato is opprinneligForfallsdato ${String(opprinnelig)}.`)]
    : [
        outcome.fail(
          `renter.renteFraDato is ${shown(fra)}; opprinneligForfallsdato is ${shown(opprinnelig)}.`,
        ),
      ];
}

/** Rule 5: the invoice after the deferral falls due on the new date and keeps its number and KID. */
export function fakturaEtterUtsettelseCheck(judged: StepUnderJudgement): CheckResult[] {
  const answer = granted(judged);
  if (answer === undefined) return [];
  const outcome = outcomeOf(FAKTURA_ETTER_UTSETTELSE, judged);
  const problems: string[] = [];
  const forfall = fieldAt(answer.payload, 'faktura', 'forfallsdato');
  const ny = fieldAt(answer.payload, 'nyForfallsdato');
  if (forfall === undefined || forfall !== ny)
    problems.push(`faktura.forfallsdato is ${shown(forfall)}, nyForfallsdato ${shown(ny)}`);
  for (const key of ['fakturanummer', 'kid']) {
    const asked = fieldAt(answer.request, 'faktura', key);
    const now = fieldAt(answer.payload, 'faktura', key);
    if (asked !== undefined && now !== asked)
      problems.push(`faktura.${key} is ${shown(now)}; the request gave ${shown(asked)}`);
  }
  return problems.length === 0
    ? [
        outcome.pass(
          'faktura falls due on nyForfallsdato and keeps the fakturanummer and kid of the request.',
        ),
      ]
    : [outcome.fail(`${problems.join('; ')}.`)];
}

/** Rule 5: AVTALEGIRO and EFAKTURA must be changed in the bank. */
export function maaEndresIBankCheck(judged: StepUnderJudgement): CheckResult[] {
  const answer = granted(judged);
  if (answer === undefined) return [];
  const kanal = fieldAt(answer.payload, 'betalingskanal', 'kanal');
  if (!(BANK_HELD_CHANNELS as readonly unknown[]).includes(kanal)) return [];
  const outcome = outcomeOf(MAA_ENDRES_I_BANK, judged);
  const flag = fieldAt(answer.payload, 'betalingskanal', 'maaEndresIBank');
  return flag === true
    ? [outcome.pass(`betalingskanal ${String(kanal)} has maaEndresIBank true.`)]
    : [
        outcome.fail(
          `betalingskanal ${String(kanal)} has maaEndresIBank ${shown(flag)}; the payer's bank holds the due date, so it must be true.`,
        ),
      ];
}
