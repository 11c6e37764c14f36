import type { CheckResult } from '../model/check-result.js';
import { type CheckDefinition, protocolClause, type StepUnderJudgement } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';
import { readableAnswer } from './judged-answer.js';
import { field, shown } from './vendor-answer.js';

/** Every normal (non-error) reply echoes the request's `foresporselId`. */
export const ECHO_FORESPORSEL_ID: CheckDefinition = {
  id: 'rules.echo-foresporsel-id',
  severity: 'failure',
  spec: protocolClause('fields'),
  title: "A normal reply echoes the request's foresporselId",
};

/** The answer's `foresporselId` is the request's. */
export function echoForesporselIdCheck(judged: StepUnderJudgement): CheckResult[] {
  const answer = readableAnswer(judged);
  if (answer === undefined || answer.entry.isError) return [];
  const outcome = outcomeOf(ECHO_FORESPORSEL_ID, judged);
  const sent = field(judged.exchange.request.payload, 'foresporselId');
  if (typeof sent !== 'string')
    return [outcome.skip('the request carried no foresporselId, so there is nothing to echo.')];
  const echoed = field(answer.payload, 'foresporselId');
  return echoed === sent
    ? [outcome.pass(`foresporselId ${sent} is echoed.`)]
    : [outcome.fail(`foresporselId is ${shown(echoed)}; the request's is ${sent}.`)];
}
