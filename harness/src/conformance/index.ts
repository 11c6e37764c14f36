// The conformance harness: its public surface, for scripts and other tools.
export type { CaseResult } from './model/case-result.js';
export type { CaseVerdict, CheckResult, CheckVerdict } from './model/check-result.js';
export type { JudgeContext } from './model/judge-context.js';
export type {
  ExchangeTimeline,
  OpenedReply,
  RecordedExchange,
  RecordedReply,
  RecordedRequest,
} from './model/recorded-exchange.js';
export type { Assertion, ResolvedCase, ResolvedStep, Situation } from './model/resolved-case.js';
export { type ConfiguredTargetOptions, openConfiguredTarget } from './runner/configured-target.js';
export type { ConformanceTarget, HarnessAccount } from './runner/conformance-target.js';
export {
  type LocalEmulatorTargetOptions,
  type LocalTargetReadyLine,
  startLocalEmulatorTarget,
} from './runner/local-emulator-target.js';
export { type RunSuiteOptions, runSuite, type SuiteRun } from './runner/run-suite.js';
