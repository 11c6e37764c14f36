import { isFiksError } from '@fiks-faktura/sdk';
import type { CheckResult } from '../model/check-result.js';
import type { Assertion, AssertionBasis } from '../model/resolved-case.js';
import { evaluateAssertion } from './assertion-operators.js';
import { type CheckDefinition, protocolClause, type StepUnderJudgement } from './check-definition.js';
import { CheckOutcome } from './check-outcome.js';
import { answerPayload } from './vendor-answer.js';

/** The case's own assertions on the answer; each result carries the assertion's clause. */
export const ASSERTIONS: CheckDefinition = {
  id: 'assertions',
  severity: 'failure',
  spec: protocolClause('fields'),
  title: "The case's assertions on the answer hold (each names its own clause and basis)",
};

const BASIS: Record<AssertionBasis, string> = {
  protocol: 'the protocol requires it',
  profile: "the municipality's declared profile",
  fixture: "the fixture ledger's data",
};

function why(assertion: Assertion): string {
  return `${assertion.basis}: ${assertion.description ?? BASIS[assertion.basis]}`;
}

/** Evaluates every assertion of the step on the first reply's payload. */
export function assertionsCheck(judged: StepUnderJudgement): CheckResult[] {
  const { step, exchange, exchanges, testCase } = judged;
  const mine = answerPayload(exchange.replies[0]);
  return step.expect.assertions.map((assertion) => {
    const outcome = new CheckOutcome(ASSERTIONS, testCase, exchange, assertion.spec);
    if (mine === undefined)
      return outcome.skip(
        `${assertion.path} ${assertion.op}: not evaluated, the step has no readable answer payload.`,
      );
    let other: { payload: unknown } | undefined;
    if (assertion.op === 'sameAsStep') {
      other = answerPayload(exchanges.find((e) => e.step === assertion.step)?.replies[0]);
      if (other === undefined)
        return outcome.skip(
          `${assertion.path} sameAsStep ${String(assertion.step)}: not evaluated, step ${String(assertion.step)} has no readable answer payload.`,
        );
    }
    try {
      const result = evaluateAssertion(assertion, mine.payload, other);
      if ('malformed' in result)
        return outcome.error(`the case's assertion on ${assertion.path} is malformed: ${result.malformed}.`);
      return result.holds
        ? outcome.pass(`${assertion.path}: ${result.found}, as expected [${why(assertion)}].`)
        : outcome.fail(
            `${assertion.path}: expected ${result.expected}, found ${result.found} [${why(assertion)}].`,
          );
    } catch (error) {
      if (isFiksError(error))
        return outcome.error(`the case's assertion is malformed: ${error.code}: ${error.message}`);
      throw error;
    }
  });
}
