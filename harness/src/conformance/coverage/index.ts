/**
 * Coverage of the protocol surface: which request fields, enum and code-list values, conditional
 * branches, answer types and reason codes a run's recorded exchanges exercised, computed from the
 * protocols' schemas, code lists and the generated message-type registry.
 */
export type * from './coverage-model.js';
export { COVERAGE_KINDS } from './coverage-model.js';
export { protocolSurface, type SurfacePoint } from './protocol-surface.js';
export { defaultProtocolSpecs, surfaceCoverage } from './surface-coverage.js';
