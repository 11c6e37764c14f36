import type { CheckResult } from '../model/check-result.js';
import { type CheckDefinition, protocolClause, type StepUnderJudgement } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';
import { readableAnswer } from './judged-answer.js';
import { field, shown } from './vendor-answer.js';

/** An error reply says what went wrong. */
export const FEILMELDING: CheckDefinition = {
  id: 'rules.error-reply.feilmelding',
  severity: 'failure',
  spec: protocolClause('fields'),
  title: 'An error reply carries a non-blank feilmelding',
};

/** An error reply's `correlationId`, when given, names the request. */
export const CORRELATION_ID: CheckDefinition = {
  id: 'rules.error-reply.correlation-id',
  severity: 'warning',
  spec: protocolClause('fields'),
  title:
    "An error reply's correlationId, when given, names the request (foresporselId, meldingId or klientMeldingId)",
};

/** `feilmelding` of an error reply is not blank. */
export function feilmeldingCheck(judged: StepUnderJudgement): CheckResult[] {
  const answer = readableAnswer(judged);
  if (answer === undefined || !answer.entry.isError) return [];
  const outcome = outcomeOf(FEILMELDING, judged);
  const feilmelding = field(answer.payload, 'feilmelding');
  return typeof feilmelding === 'string' && feilmelding.trim() !== ''
    ? [outcome.pass('the error reply carries a feilmelding.')]
    : [outcome.fail(`feilmelding is ${shown(feilmelding)}; an error reply must say what went wrong.`)];
}

/** `correlationId`, when present, is one of the request's identifiers. */
export function correlationIdCheck(judged: StepUnderJudgement): CheckResult[] {
  const answer = readableAnswer(judged);
  const correlationId = field(answer?.payload, 'correlationId');
  if (answer === undefined || !answer.entry.isError || correlationId === undefined) return [];
  const outcome = outcomeOf(CORRELATION_ID, judged);
  const { request } = judged.exchange;
  const known = [
    field(request.payload, 'foresporselId'),
    request.meldingId,
    request.klientMeldingId,
    request.headers['klientKorrelasjonsId'],
  ].filter((v): v is string => typeof v === 'string');
  return known.includes(correlationId as string)
    ? [outcome.pass(`correlationId ${String(correlationId)} names the request.`)]
    : [
        outcome.fail(
          `correlationId is ${shown(correlationId)}, which is none of the request's identifiers (${known.join(', ')}).`,
        ),
      ];
}
