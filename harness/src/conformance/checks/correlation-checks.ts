import type { CheckResult } from '../model/check-result.js';
import { type CheckDefinition, type StepUnderJudgement, suiteClause } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';

/** Every reply names the request it answers. */
export const SVAR_PA_MELDING: CheckDefinition = {
  id: 'correlation.svar-pa-melding',
  severity: 'failure',
  spec: suiteClause('transport-correlation'),
  title: "svarPaMelding of the answer is the request's meldingId",
};

/** The answer comes from the vendor's account. */
export const SENDER: CheckDefinition = {
  id: 'correlation.sender',
  severity: 'failure',
  spec: suiteClause('transport-correlation'),
  title: "The answer was sent from the vendor's Fiks IO account",
};

/** One request, one answer. */
export const SINGLE_ANSWER: CheckDefinition = {
  id: 'correlation.single-answer',
  severity: 'failure',
  spec: suiteClause('transport-correlation'),
  title: 'Exactly one answer arrived for the request (no second or unexpected reply)',
};

/** svarPaMelding of every reply the vendor sent is the request's meldingId. */
export function svarPaMeldingCheck(judged: StepUnderJudgement): CheckResult[] {
  const { exchange } = judged;
  const replies = exchange.replies.filter((r) => r.platformMessage === undefined);
  if (replies.length === 0) return [];
  const outcome = outcomeOf(SVAR_PA_MELDING, judged);
  const wrong = replies.filter((r) => r.svarPaMelding !== exchange.request.meldingId);
  if (wrong.length === 0)
    return [outcome.pass(`svarPaMelding is the request's meldingId ${exchange.request.meldingId}.`)];
  return [
    outcome.fail(
      `the request's meldingId is ${exchange.request.meldingId}, but ${wrong
        .map(
          (r) =>
            `${r.meldingType} (meldingId ${r.meldingId}) has svarPaMelding ${r.svarPaMelding ?? 'unset'}`,
        )
        .join('; ')}.`,
    ),
  ];
}

/** Every reply that is not the platform's own comes from the vendor's account. */
export function senderCheck(judged: StepUnderJudgement): CheckResult[] {
  const { exchange } = judged;
  const replies = exchange.replies.filter((r) => r.platformMessage === undefined);
  if (replies.length === 0) return [];
  const outcome = outcomeOf(SENDER, judged);
  const wrong = replies.filter((r) => r.avsenderKontoId !== exchange.vendorKontoId);
  if (wrong.length === 0) return [outcome.pass(`sent from the vendor's account ${exchange.vendorKontoId}.`)];
  return [
    outcome.fail(
      `the vendor's account is ${exchange.vendorKontoId}, but ${wrong
        .map((r) => `${r.meldingType} (meldingId ${r.meldingId}) came from ${r.avsenderKontoId}`)
        .join('; ')}.`,
    ),
  ];
}

/** No second reply for the same request. */
export function singleAnswerCheck(judged: StepUnderJudgement): CheckResult[] {
  const { exchange } = judged;
  const { replies } = exchange;
  if (replies.length === 0) return [];
  const outcome = outcomeOf(SINGLE_ANSWER, judged);
  if (replies.length === 1) return [outcome.pass(`exactly one answer (${replies[0]!.meldingType}).`)];
  const sentAt = exchange.timeline.sentAt;
  return [
    outcome.fail(
      `${replies.length} replies arrived for one request; exactly one is allowed: ${replies
        .map((r) => `${r.meldingType} at +${r.receivedAt - sentAt} ms`)
        .join(', ')}.`,
    ),
  ];
}
