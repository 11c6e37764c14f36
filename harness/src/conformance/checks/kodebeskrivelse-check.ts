import type { CheckResult } from '../model/check-result.js';
import { type CheckDefinition, protocolClause, type StepUnderJudgement } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';
import { reasonCodeList } from './code-lists.js';
import { readableAnswer } from './judged-answer.js';
import { field, shown } from './vendor-answer.js';

/** A reason code is one of the code list's, and its description, when given, is the list's. */
export const KODEBESKRIVELSE: CheckDefinition = {
  id: 'rules.kodebeskrivelse',
  severity: 'failure',
  spec: protocolClause('message-types'),
  title: "aarsak.kodeverdi is in the code list, and aarsak.kodebeskrivelse, when given, is the code list's",
};

/** `aarsak` of the answer against the protocol version's reason code list. */
export function kodebeskrivelseCheck(judged: StepUnderJudgement): CheckResult[] {
  const answer = readableAnswer(judged);
  const aarsak = field(answer?.payload, 'aarsak');
  if (answer === undefined || aarsak === undefined) return [];
  const { protocol, version } = answer.entry;
  const outcome = outcomeOf(KODEBESKRIVELSE, { testCase: { protocol, version }, exchange: judged.exchange });
  const list = reasonCodeList(judged.context, protocol, version);
  if (list === undefined) return [outcome.skip(`${protocol} ${version} has no reason code list.`)];
  const kodeverdi = field(aarsak, 'kodeverdi');
  const code = list.kodeliste.find((c) => c.kodeverdi === kodeverdi);
  if (code === undefined)
    return [
      outcome.fail(
        `aarsak.kodeverdi ${shown(kodeverdi)} is not in the code list ${list.navn} of ${protocol} ${version}.`,
      ),
    ];
  const given = field(aarsak, 'kodebeskrivelse');
  if (given === undefined)
    return [
      outcome.pass(`aarsak.kodeverdi ${code.kodeverdi} is in the code list (no kodebeskrivelse given).`),
    ];
  return given === code.kodebeskrivelse
    ? [outcome.pass(`aarsak ${code.kodeverdi} carries the code list's kodebeskrivelse.`)]
    : [
        outcome.fail(
          `aarsak.kodebeskrivelse for ${code.kodeverdi} is ${shown(given)}; the code list ${list.navn} says ${JSON.stringify(code.kodebeskrivelse)}.`,
        ),
      ];
}
