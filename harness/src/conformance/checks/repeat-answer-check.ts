import { isDeepStrictEqual } from 'node:util';
import type { CheckResult } from '../model/check-result.js';
import { type CheckDefinition, protocolClause, type StepUnderJudgement } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';
import { readableAnswer } from './judged-answer.js';
import { field, shown } from './vendor-answer.js';

/** A request sent again (same `foresporselId`) gets the answer the first one got. */
export const REPEAT_SAME_ANSWER: CheckDefinition = {
  id: 'rules.repeat-same-answer',
  severity: 'failure',
  spec: protocolClause('rule-2'),
  title:
    'A repeated request gets the identical answer: the same reply type, the same payload (error replies: the same feilmelding)',
};

/**
 * Rule 2 on a `resend` step: its answer against the answer of the step it repeats. A `serverfeil`
 * on either side is not compared (a transient fault may clear on the repeat).
 */
export function repeatSameAnswerCheck(judged: StepUnderJudgement): CheckResult[] {
  const { step, exchanges, context } = judged;
  if (step.kind !== 'resend' || step.resendOf === undefined) return [];
  const original = exchanges.find((e) => e.step === step.resendOf);
  const now = readableAnswer(judged);
  const then = original === undefined ? undefined : readableAnswer({ exchange: original, context });
  if (now === undefined || then === undefined) return [];
  const isServerfeil = (type: string) => context.catalog.errorReplyType(type, 'serverfeil') === type;
  if (isServerfeil(now.reply.meldingType) || isServerfeil(then.reply.meldingType)) return [];
  const outcome = outcomeOf(REPEAT_SAME_ANSWER, judged);
  const first = `step ${step.resendOf}`;
  if (now.reply.meldingType !== then.reply.meldingType)
    return [
      outcome.fail(
        `the repeated request was answered with ${now.reply.meldingType}; ${first} got ${then.reply.meldingType}.`,
      ),
    ];
  if (now.entry.isError) {
    const a = field(now.payload, 'feilmelding');
    const b = field(then.payload, 'feilmelding');
    return a === b
      ? [outcome.pass(`the repeated request got the same ${now.reply.meldingType} as ${first}.`)]
      : [outcome.fail(`the repeated request's feilmelding is ${shown(a)}; ${first} got ${shown(b)}.`)];
  }
  if (isDeepStrictEqual(now.payload, then.payload))
    return [outcome.pass(`the repeated request got the identical answer of ${first}.`)];
  const keys = new Set([...Object.keys(asRecord(now.payload)), ...Object.keys(asRecord(then.payload))]);
  const differing = [...keys].filter(
    (k) => !isDeepStrictEqual(field(now.payload, k), field(then.payload, k)),
  );
  return [
    outcome.fail(
      `the repeated request got a different answer than ${first}: ${differing.map((k) => `${k} is ${shown(field(now.payload, k))}, was ${shown(field(then.payload, k))}`).join('; ')}.`,
    ),
  ];
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
