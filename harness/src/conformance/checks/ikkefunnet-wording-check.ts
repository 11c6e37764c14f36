import type { CheckResult } from '../model/check-result.js';
import { type CaseUnderJudgement, type CheckDefinition, protocolClause } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';
import { readableAnswer } from './judged-answer.js';
import { field, shown } from './vendor-answer.js';

/** `ikkefunnet` never reveals which reason applied: the same wording every time. */
export const IKKEFUNNET_WORDING: CheckDefinition = {
  id: 'rules.ikkefunnet-wording',
  severity: 'failure',
  spec: protocolClause('rule-4'),
  title: 'Every ikkefunnet reply of a case is worded identically',
};

/** The `feilmelding` of every `ikkefunnet` answer in the attempt is the first one's. */
export function ikkefunnetWordingCheck({ testCase, exchanges, context }: CaseUnderJudgement): CheckResult[] {
  const found = exchanges.flatMap((exchange) => {
    const answer = readableAnswer({ exchange, context });
    const type = answer?.reply.meldingType;
    return answer !== undefined &&
      type !== undefined &&
      context.catalog.errorReplyType(type, 'ikkefunnet') === type
      ? [{ exchange, feilmelding: field(answer.payload, 'feilmelding') }]
      : [];
  });
  if (found.length < 2) return [];
  const [first, ...rest] = found;
  return rest.map(({ exchange, feilmelding }) => {
    const outcome = outcomeOf(IKKEFUNNET_WORDING, { testCase, exchange });
    return feilmelding === first!.feilmelding
      ? outcome.pass(`ikkefunnet is worded as in step ${first!.exchange.step}.`)
      : outcome.fail(
          `ikkefunnet says ${shown(feilmelding)}, but step ${first!.exchange.step} said ${shown(first!.feilmelding)}; the wording must not reveal which reason applied.`,
        );
  });
}
