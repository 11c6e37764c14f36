import type { CheckResult } from '../model/check-result.js';
import type { CaseUnderJudgement, CheckDefinition } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';

/** A follow-up step could be built from the earlier answers it depends on. */
export const FOLLOW_UP: CheckDefinition = {
  id: 'steps.follow-up',
  severity: 'failure',
  spec: 'conformance/README.md#follow-ups',
  title: 'Every follow-up step could be built from the earlier answers it depends on',
};

/**
 * A follow-up puts values of earlier answers into its request; when an earlier answer lacked one,
 * the follow-up was not sent (the exchange carries `notSent`), and that is the vendor's failure.
 */
export function followUpCheck(judged: CaseUnderJudgement): CheckResult[] {
  return judged.testCase.steps.flatMap((step, index) => {
    if (step.fromAnswer === undefined) return [];
    const exchange = judged.exchanges.find((e) => e.step === index + 1);
    if (exchange === undefined) return [];
    const outcome = outcomeOf(FOLLOW_UP, { testCase: judged.testCase, exchange });
    return exchange.notSent === undefined
      ? [outcome.pass('built from the earlier answers and sent.')]
      : [outcome.fail(`not sent: ${exchange.notSent}.`)];
  });
}
