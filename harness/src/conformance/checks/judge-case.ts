import type { CheckResult } from '../model/check-result.js';
import type { JudgeContext } from '../model/judge-context.js';
import type { RecordedExchange } from '../model/recorded-exchange.js';
import type { ResolvedCase } from '../model/resolved-case.js';
import type { CheckDefinition } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';
import { CASE_CHECKS, STEP_CHECKS } from './check-registry.js';

/** Runs one check; a check that throws is the harness's fault, reported as an `error` result. */
function guarded(
  definition: CheckDefinition,
  on: { testCase: ResolvedCase; exchange?: RecordedExchange },
  run: () => CheckResult[],
): CheckResult[] {
  try {
    return run();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [outcomeOf(definition, on).error(`the check could not be applied: ${reason}`)];
  }
}

/**
 * Judges one attempt of a case: every step check on every exchange (in step order), then the
 * case-level checks. A pure function of the case, the recorded exchanges and the context, so a
 * stored run can be judged again. A step whose exchange carries a `harnessError` is not judged
 * (the case is then an error, see `caseVerdictOf`); neither is a step the case does not define,
 * nor a follow-up that could not be sent (the case check `steps.follow-up` fails it).
 */
export function judgeCase(
  testCase: ResolvedCase,
  exchanges: RecordedExchange[],
  context: JudgeContext,
): CheckResult[] {
  const ordered = [...exchanges].sort((a, b) => a.step - b.step);
  const judgeable = ordered.filter((e) => e.harnessError === undefined);
  const results: CheckResult[] = [];
  // A follow-up that was not sent has nothing to judge step by step (see `steps.follow-up`).
  for (const exchange of judgeable.filter((e) => e.notSent === undefined)) {
    const step = testCase.steps[exchange.step - 1];
    if (step === undefined) continue;
    const judged = { testCase, step, exchange, exchanges: ordered, context };
    for (const check of STEP_CHECKS)
      results.push(...guarded(check.definition, { testCase, exchange }, () => check.judge(judged)));
  }
  for (const check of CASE_CHECKS)
    results.push(
      ...guarded(check.definition, { testCase }, () =>
        check.judge({ testCase, exchanges: judgeable, context }),
      ),
    );
  return results;
}
