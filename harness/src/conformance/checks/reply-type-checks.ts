import type { CheckResult } from '../model/check-result.js';
import type { JudgeContext } from '../model/judge-context.js';
import { type CheckDefinition, protocolClause, type StepUnderJudgement } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';
import { vendorAnswer } from './vendor-answer.js';

/** The catalogue lists the reply type as an answer to the request type. */
export const TYPE_ALLOWED: CheckDefinition = {
  id: 'reply.type-allowed',
  severity: 'failure',
  spec: protocolClause('message-types'),
  title: 'The reply type is one the catalogue allows for the request type',
};

/** The reply type is the one the case expects. */
export const TYPE_EXPECTED: CheckDefinition = {
  id: 'reply.type-expected',
  severity: 'failure',
  spec: protocolClause('message-types'),
  title: 'The reply type is the one the case expects',
};

const ERROR_KINDS = ['ugyldigforespoersel', 'ikkefunnet', 'serverfeil'] as const;

/**
 * The replies the catalogue allows: its `allowedReplies`, or for a type no catalogue lists (a
 * fault case) the error replies of the protocol version the type string names.
 */
export function allowedRepliesOf(context: JudgeContext, requestType: string): string[] {
  const entry = context.catalog.entry(requestType);
  if (entry !== undefined) return [...entry.allowedReplies];
  return ERROR_KINDS.map((kind) => context.catalog.errorReplyType(requestType, kind)).filter(
    (t): t is string => t !== undefined,
  );
}

/** The vendor's answer is a type the catalogue allows for the request. */
export function typeAllowedCheck(judged: StepUnderJudgement): CheckResult[] {
  const answer = vendorAnswer(judged.exchange);
  if (answer === undefined) return [];
  const outcome = outcomeOf(TYPE_ALLOWED, judged);
  const requestType = judged.exchange.request.meldingType;
  const allowed = allowedRepliesOf(judged.context, requestType);
  if (allowed.includes(answer.meldingType))
    return [outcome.pass(`${answer.meldingType} is an allowed answer to ${requestType}.`)];
  return [
    outcome.fail(
      `${answer.meldingType} is not an allowed answer to ${requestType}; the catalogue allows ${
        allowed.length === 0 ? 'no reply types' : allowed.join(', ')
      }.`,
    ),
  ];
}

/** The answer (the vendor's, or the platform's when a step expects one) is one the step expects. */
export function typeExpectedCheck(judged: StepUnderJudgement): CheckResult[] {
  const first = judged.exchange.replies[0];
  if (first === undefined) return [];
  const expected = judged.step.expect.replyTypes;
  if (first.platformMessage !== undefined && !expected.includes(first.meldingType)) return [];
  const outcome = outcomeOf(TYPE_EXPECTED, judged);
  if (expected.includes(first.meldingType))
    return [outcome.pass(`answered with ${first.meldingType}, as expected.`)];
  return [
    outcome.fail(
      `answered with ${first.meldingType}; the case expects ${expected.length === 1 ? '' : 'one of '}${expected.join(', ')}.`,
    ),
  ];
}
