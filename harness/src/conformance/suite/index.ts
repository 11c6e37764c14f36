/**
 * The conformance suite: cases as data under `protocols/<protocol>/<version>/conformance/`, the
 * municipality's profile, the vendor's data map, and the resolution of case templates into
 * {@link ResolvedCase}s the runner sends and the checks judge.
 */
export type { ResolvedCase } from '../model/resolved-case.js';
export { type CaseCount, countCases, describeCaseCounts } from './case-counts.js';
export type {
  AttachmentDescriptor,
  CaseAssertion,
  CaseDescriptor,
  ExpectDescriptor,
  Requirement,
  SendDescriptor,
  StepDescriptor,
  SuiteCase,
} from './case-descriptor.js';
export { fullMessageType, shortProtocolName } from './case-descriptor.js';
export { type DataMap, loadDataMap, validateDataMap } from './data-map.js';
export { FIXTURE_CSV_COLUMNS, fixturesView } from './fixtures-view.js';
export { type GeneratedCases, generateNegativeCases } from './generated/generate-cases.js';
export type { DroppedMutation, MutationKind } from './generated/mutation.js';
export { applyPayloadEdits, type PayloadEdit } from './generated/payload-edit.js';
export { type CaseListing, listCases } from './list-cases.js';
export { expectedCaseId, loadSuite, protocolVersionDirs, type Suite } from './load-suite.js';
export {
  type Expression,
  parseExpression,
  parseTemplateString,
  type TemplatePart,
} from './placeholder-syntax.js';
export { defaultProfilePath, loadProfile, type Profile, validateProfile } from './profile.js';
export { payersOf, type ResolveContext, resolveCase } from './resolve-case.js';
export { type ResolvedLedger, resolveLedger } from './resolved-ledger.js';
export { type CaseSelection, globToRegExp, selectCases } from './select-cases.js';
export { SuiteError, type SuiteErrorCode } from './suite-error.js';
