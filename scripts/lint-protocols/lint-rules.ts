import type { LintRule } from './lint-context.js';
import { codeListEnumMismatch } from './rules/code-lists.js';
import {
  conformanceCaseResolves,
  conformanceDataMapExample,
  conformanceExemptionsValid,
  conformanceSpecReferences,
  conformanceSuiteLoads,
  conformanceTemplatesValid,
} from './rules/conformance-cases.js';
import {
  conformanceBookingConflicts,
  conformanceCommentLimit,
  conformanceCoverage,
} from './rules/conformance-coverage.js';
import {
  exampleForUnknownType,
  examplesAgainstSchemas,
  invalidExampleIndexMismatch,
} from './rules/examples.js';
import { fileHasBom, unreadableFiles } from './rules/file-problems.js';
import { fixtureCheckDigits } from './rules/fixture-check-digits.js';
import { fixtureSchemaInvalid } from './rules/fixture-schemas.js';
import { messageTypeWithoutRole, requestWithoutDeadline } from './rules/message-type-metadata.js';
import { replyAsymmetric, replyTypeUndefined } from './rules/reply-symmetry.js';
import { messageTypeWithoutSchema, schemaWithoutMessageType } from './rules/schema-coverage.js';
import { refUnresolved, schemaIdMismatch } from './rules/schema-references.js';
import { catalogueFolderMismatch, typeNameInvalid } from './rules/type-names.js';

/** Every rule of `npm run lint:protocols`, in reporting order. */
export const lintRules: readonly LintRule[] = [
  unreadableFiles,
  fileHasBom,
  catalogueFolderMismatch,
  typeNameInvalid,
  requestWithoutDeadline,
  messageTypeWithoutRole,
  replyTypeUndefined,
  replyAsymmetric,
  messageTypeWithoutSchema,
  schemaWithoutMessageType,
  schemaIdMismatch,
  refUnresolved,
  codeListEnumMismatch,
  exampleForUnknownType,
  invalidExampleIndexMismatch,
  examplesAgainstSchemas,
  fixtureSchemaInvalid,
  fixtureCheckDigits,
  conformanceSuiteLoads,
  conformanceCaseResolves,
  conformanceTemplatesValid,
  conformanceSpecReferences,
  conformanceExemptionsValid,
  conformanceDataMapExample,
  conformanceCoverage,
  conformanceBookingConflicts,
  conformanceCommentLimit,
];
