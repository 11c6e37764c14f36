import type { CheckResult } from '../model/check-result.js';
import type { RecordedExchange } from '../model/recorded-exchange.js';
import type { ResolvedCase } from '../model/resolved-case.js';
import { type CheckDefinition, clauseFor } from './check-definition.js';

/**
 * Builds the results of one check about one step (or the case as a whole): every message starts
 * with the step it is about, so a vendor reading a report knows which exchange to look at. A
 * failed warning-severity check becomes `warn`.
 */
export class CheckOutcome {
  readonly #definition: CheckDefinition;
  readonly #spec: string;
  readonly #step: number | undefined;
  readonly #attempt: number | undefined;

  constructor(
    definition: CheckDefinition,
    testCase: Pick<ResolvedCase, 'protocol' | 'version'>,
    exchange?: Pick<RecordedExchange, 'step' | 'attempt'>,
    spec?: string,
  ) {
    this.#definition = definition;
    this.#spec = spec ?? clauseFor(definition, testCase);
    this.#step = exchange?.step;
    this.#attempt = exchange?.attempt;
  }

  /** The check held; `message` says what was confirmed. */
  pass(message: string): CheckResult {
    return this.#result('pass', message);
  }

  /** The check did not hold (`warn` for a warning-severity check). */
  fail(message: string): CheckResult {
    return this.#result(this.#definition.severity === 'warning' ? 'warn' : 'fail', message);
  }

  /** The check could not be applied; `reason` says why. */
  skip(reason: string): CheckResult {
    return this.#result('skip', reason);
  }

  /** The harness itself could not judge (a fault in the suite or the harness, never the vendor's). */
  error(message: string): CheckResult {
    return this.#result('error', message);
  }

  #result(verdict: CheckResult['verdict'], message: string): CheckResult {
    const prefix = this.#step === undefined ? '' : `Step ${this.#step}: `;
    return {
      id: this.#definition.id,
      verdict,
      severity: this.#definition.severity,
      spec: this.#spec,
      message: `${prefix}${message}`,
      ...(this.#step === undefined ? {} : { step: this.#step }),
      ...(this.#attempt === undefined ? {} : { attempt: this.#attempt }),
    };
  }
}

/** The outcome builder of `definition` for one step under judgement. */
export function outcomeOf(
  definition: CheckDefinition,
  on: {
    testCase: Pick<ResolvedCase, 'protocol' | 'version'>;
    exchange?: Pick<RecordedExchange, 'step' | 'attempt'>;
  },
): CheckOutcome {
  return new CheckOutcome(definition, on.testCase, on.exchange);
}
