import type { Situation } from '../model/resolved-case.js';
import type { SuiteCase } from './case-descriptor.js';
import type { Suite } from './load-suite.js';

/** Filters of {@link selectCases}. */
export interface CaseSelection {
  /** Full protocol names, e.g. `no.ks.fiks.faktura.avdrag`. */
  protocols?: string[];
  /** Globs on case ids (`*` any run of characters, `?` one character); a case matching any is selected. */
  caseGlob?: string | readonly string[];
  situation?: Situation;
}

/** The cases that pass every given filter, in suite order. */
export function selectCases(suite: Suite, selection: CaseSelection = {}): SuiteCase[] {
  const globs =
    selection.caseGlob === undefined
      ? undefined
      : (typeof selection.caseGlob === 'string' ? [selection.caseGlob] : selection.caseGlob).map(
          globToRegExp,
        );
  return suite.cases.filter(
    (c) =>
      (selection.protocols === undefined || selection.protocols.includes(c.protocol)) &&
      (globs === undefined || globs.some((glob) => glob.test(c.id))) &&
      (selection.situation === undefined || c.descriptor.situation === selection.situation),
  );
}

/** A whole-string regular expression for a glob of `*` and `?`. */
export function globToRegExp(glob: string): RegExp {
  const body = [...glob]
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+(){}[\]]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}
