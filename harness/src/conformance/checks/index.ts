// The conformance checks: named pure functions over a recorded exchange, and the case verdict.

export { type AssertionOutcome, evaluateAssertion } from './assertion-operators.js';
export { caseVerdictOf } from './case-verdict.js';
export { checkCatalogue } from './check-catalogue.js';
export { type CheckDefinition, PROTOCOL_FOLDER } from './check-definition.js';
export {
  JsonPathError,
  type JsonPathMatch,
  type JsonPathSegment,
  parseJsonPath,
  selectJsonPath,
} from './json-path.js';
export { judgeCase } from './judge-case.js';
