/**
 * The evidence bundle of a run (`fiks-conformance run --evidence`), its offline verification
 * (`verify`) and its re-judging with another suite (`rejudge`). The format is in `bundle-format.ts`.
 */
export * from './bundle-format.js';
export { canonicalJson } from './canonical-json.js';
export { EvidenceError, type EvidenceErrorCode } from './evidence-error.js';
export { COMMITMENT_PREFIX, commitmentTo } from './personal-commitments.js';
export { readBundleText } from './read-bundle.js';
export { type Rejudgement, type RejudgeOptions, rejudgeBundle } from './rejudge-bundle.js';
export { type EvidenceKeys, evidenceKeysOf, writeRunEvidence } from './run-evidence.js';
export type { CheckChange, VerdictChange } from './verdict-changes.js';
export { type FindingCheck, type VerifyFinding, type VerifyOutcome, verifyBundle } from './verify-bundle.js';
export { buildEvidenceBundle, type EvidenceInput, sha256Hex, writeEvidenceBundle } from './write-bundle.js';
