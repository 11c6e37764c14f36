import type { JudgeContext } from '../model/judge-context.js';
import type { RecordedExchange } from '../model/recorded-exchange.js';
import type { ResolvedCase, ResolvedStep } from '../model/resolved-case.js';

/**
 * A check as the catalogue lists it. `spec` is the clause the check enforces, written
 * `<path under protocols/>#<anchor>`; a check that applies to every protocol writes the protocol
 * folder as `<protocol>/<version>/`, which each result replaces with the case's own protocol.
 */
export interface CheckDefinition {
  /** Stable id, e.g. `correlation.svar-pa-melding`; reports and expected-failure files quote it. */
  readonly id: string;
  readonly severity: 'failure' | 'warning';
  readonly spec: string;
  /** What the check confirms, in one line. */
  readonly title: string;
}

/** One step of one attempt, with everything a step check may look at. */
export interface StepUnderJudgement {
  readonly testCase: ResolvedCase;
  readonly step: ResolvedStep;
  readonly exchange: RecordedExchange;
  /** Every exchange of the attempt, in step order (for checks that compare steps). */
  readonly exchanges: readonly RecordedExchange[];
  readonly context: JudgeContext;
}

/** One attempt of a case as a whole, for checks that compare its steps. */
export interface CaseUnderJudgement {
  readonly testCase: ResolvedCase;
  readonly exchanges: readonly RecordedExchange[];
  readonly context: JudgeContext;
}

/** The placeholder a protocol-independent clause uses for the protocol folder. */
export const PROTOCOL_FOLDER = '<protocol>/<version>';

/** A clause of the protocol README (`<protocol>/<version>/README.md#anchor`), for any protocol. */
export function protocolClause(anchor: string): string {
  return `${PROTOCOL_FOLDER}/README.md#${anchor}`;
}

/** A clause of the conformance suite's README (transport facts, deadline, strict overlay). */
export function suiteClause(anchor: string): string {
  return `conformance/README.md#${anchor}`;
}

/** The clause of `definition` for the protocol of `testCase`. */
export function clauseFor(
  definition: CheckDefinition,
  testCase: Pick<ResolvedCase, 'protocol' | 'version'>,
): string {
  return definition.spec.replace(PROTOCOL_FOLDER, `${testCase.protocol}/${testCase.version}`);
}
