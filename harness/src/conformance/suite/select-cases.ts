import type { Situation } from '../model/resolved-case.js';
import type { SuiteCase } from './case-descriptor.js';
import type { Suite } from './load-suite.js';

/** Filters of {@link selectCases}. */
export interface CaseSelection {
  /** Full protocol names, e.g. `no.ks.fiks.faktura.avdrag`. */
  protocols?: string[];
  /** A glob on case ids: `*` any run of characters, `?` one character. */
  caseGlob?: string;
  situation?: Situation;
}

/** The cases that pass every given filter, in suite order. */
export function selectCases(suite: Suite, selection: CaseSelection = {}): SuiteCase[] {
  const glob = selection.caseGlob === undefined ? undefined : globToRegExp(selection.caseGlob);
  return suite.cases.filter(
    (c) =>
      (selection.protocols === undefined || selection.protocols.includes(c.protocol)) &&
      (glob === undefined || glob.test(c.id)) &&
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
