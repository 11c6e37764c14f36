import type { CheckDefinition } from './check-definition.js';
import { CASE_CHECKS, STEP_CHECKS } from './check-registry.js';

/**
 * Every check the harness runs, for `fiks-conformance list` and the documentation: id, severity,
 * the clause it enforces (`<protocol>/<version>/` standing for any protocol's folder) and a title.
 */
export function checkCatalogue(): CheckDefinition[] {
  return [...STEP_CHECKS, ...CASE_CHECKS].map(({ definition: { id, severity, spec, title } }) => ({
    id,
    severity,
    spec,
    title,
  }));
}
