export { createAjv } from './create-ajv.js';
export { loadProtocolSpecs } from './load-protocol-specs.js';
export {
  type PayloadError,
  type PayloadValidationResult,
  PayloadValidator,
  type PayloadValidatorOptions,
} from './payload-validator.js';
export { ProtocolSpecError, type ProtocolSpecErrorCode } from './protocol-spec-error.js';
export type * from './protocol-spec-model.js';
export { findProtocolVersionDirs, readProtocolVersion } from './read-protocol-version.js';
export { withStrictOverlay } from './strict-overlay.js';
