import type { Situation } from '../model/resolved-case.js';
import type { Suite } from './load-suite.js';

/** One row of `fiks-conformance list`. */
export interface CaseListing {
  id: string;
  situation: Situation;
  title: string;
  spec: string[];
  /** Set on the cases generated from the schemas. */
  generated?: true;
}

/** The suite's cases as list rows, in suite order. */
export function listCases(suite: Suite): CaseListing[] {
  return suite.cases.map((c) => ({
    id: c.id,
    situation: c.descriptor.situation,
    title: c.descriptor.title,
    spec: [...c.descriptor.spec],
    ...(c.generated === true ? { generated: true as const } : {}),
  }));
}
